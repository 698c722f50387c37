#include "crawler/redirect_chain.h"

#include <algorithm>

namespace strata::crawler {
namespace {

// The flags libcurl itself uses when it follows a Location, so both resolve alike.
constexpr unsigned int kLocationFlags =
    CURLU_URLENCODE | CURLU_ALLOW_SPACE | CURLU_NON_SUPPORT_SCHEME;

// The URL without its fragment (never sent, so irrelevant to loops), or "" on failure.
std::string UrlText(CURLU* url) {
  CurlUrlPtr copy(curl_url_dup(url));
  if (!copy) return {};
  curl_url_set(copy.get(), CURLUPART_FRAGMENT, nullptr, 0);
  char* text = nullptr;
  if (curl_url_get(copy.get(), CURLUPART_URL, &text, 0) != CURLUE_OK) return {};
  CurlStringPtr owned(text);
  return std::string(owned.get());
}

}  // namespace

RedirectChain::RedirectChain(std::string_view start_url) : current_text_(start_url) {}

void RedirectChain::Start() {
  started_ = true;
  current_.reset(curl_url());
  if (!current_ || curl_url_set(current_.get(), CURLUPART_URL, current_text_.c_str(),
                                kLocationFlags) != CURLUE_OK) {
    current_.reset();
    current_text_.clear();
    return;
  }
  current_text_ = UrlText(current_.get());
  visited_.push_back(current_text_);
}

bool RedirectChain::Follow(std::string_view location, bool response_set_cookie) {
  if (!started_) Start();
  if (!current_) return true;
  CurlUrlPtr next(curl_url_dup(current_.get()));
  if (!next || curl_url_set(next.get(), CURLUPART_URL, std::string(location).c_str(),
                            kLocationFlags) != CURLUE_OK) {
    return true;
  }
  std::string next_text = UrlText(next.get());
  if (next_text.empty()) return true;
  const auto seen = std::count(visited_.begin(), visited_.end(), next_text);
  // A second visit is a loop unless a cookie was just set; a third visit always is.
  if (seen >= 2 || (seen == 1 && !response_set_cookie)) return false;
  current_ = std::move(next);
  current_text_ = next_text;
  visited_.push_back(std::move(next_text));
  return true;
}

}  // namespace strata::crawler
