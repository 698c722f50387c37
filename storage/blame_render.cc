#include "storage/blame_render.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "storage/diff_render_hunks.h"

namespace strata::storage {

std::string RenderBlameText(const Blame& blame, bool color) {
  // (Appending rather than "v" + std::to_string(): GCC 12 warns falsely about the latter at -O2.)
  const auto since = [](const BlameLine& l) {
    std::string s = "v";
    s += std::to_string(l.since_version);
    return s;
  };
  const auto edited = [](const BlameLine& l) {
    std::string s;
    if (l.edited_version != l.since_version) {
      s = "~v";
      s += std::to_string(l.edited_version);
    }
    return s;
  };
  size_t since_width = 0;
  size_t edited_width = 0;
  for (const BlameLine& l : blame.lines) {
    since_width = std::max(since_width, since(l).size());
    edited_width = std::max(edited_width, edited(l).size());
  }
  std::string out;
  for (const BlameLine& l : blame.lines) {
    std::string s = since(l);
    s.resize(since_width, ' ');
    std::string e = edited(l);
    e.resize(edited_width, ' ');
    if (color) out += ansi::kYellow;
    out += s + "  " + FormatIsoUtc(l.since);
    if (color) out += ansi::kReset;
    if (edited_width > 0) {
      out += "  ";
      if (color) out += ansi::kMagenta;
      out += e;
      if (color) out += ansi::kReset;
    }
    out += ' ';
    out += l.text;
    out += '\n';
  }
  return out;
}

std::string RenderBlameJson(const Blame& blame, const std::string& url) {
  nlohmann::json paragraphs = nlohmann::json::array();
  for (const BlameLine& l : blame.lines) {
    paragraphs.push_back({{"index", l.index},
                          {"text", l.text},
                          {"since_version", l.since_version},
                          {"since", FormatIsoUtc(l.since)},
                          {"edited_version", l.edited_version},
                          {"edited", FormatIsoUtc(l.edited)}});
  }
  const nlohmann::json out = {{"url", url},
                              {"version", blame.version},
                              {"fetched_at", FormatIsoUtc(blame.fetched_at)},
                              {"paragraphs", std::move(paragraphs)}};
  // Invalid UTF-8 in a stored body becomes U+FFFD instead of an exception.
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace strata::storage
