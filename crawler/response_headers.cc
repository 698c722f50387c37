#include "crawler/response_headers.h"

#include <charconv>

namespace strata::crawler {
namespace {

constexpr std::string_view kWhitespace = " \t";

std::string_view StripLineEnd(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::string_view Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(begin, end - begin + 1);
}

// "HTTP/1.1 200 OK", "HTTP/2 404": the three-digit code after the first space, or 0.
int ParseStatusCode(std::string_view line) {
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string_view rest = line.substr(space + 1);
  const std::string_view code = rest.substr(0, rest.find(' '));
  if (code.size() != 3) return 0;
  int value = 0;
  auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), value);
  if (ec != std::errc() || ptr != code.data() + code.size()) return 0;
  return value;
}

}  // namespace

ResponseHeaderCollector::LineKind ResponseHeaderCollector::AddLine(std::string_view raw) {
  const std::string_view line = StripLineEnd(raw);
  if (line.starts_with("HTTP/")) {
    status_ = ParseStatusCode(line);
    headers_.clear();
    in_response_ = true;
    return LineKind::kStatus;
  }
  if (line.empty()) return LineKind::kBlockEnd;
  if (!in_response_) return LineKind::kIgnored;
  if (line.front() == ' ' || line.front() == '\t') {
    // obs-fold (RFC 9110 section 5.5): a continuation of the previous field's value.
    if (headers_.empty()) return LineKind::kIgnored;
    const std::string_view more = Trim(line);
    std::string& value = headers_.back().second;
    if (!more.empty()) {
      if (!value.empty()) value += ' ';
      value.append(more);
    }
    return LineKind::kField;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return LineKind::kIgnored;
  headers_.emplace_back(std::string(Trim(line.substr(0, colon))),
                        std::string(Trim(line.substr(colon + 1))));
  return LineKind::kField;
}

}  // namespace strata::crawler
