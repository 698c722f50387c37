#include "parser/nesting_guard.h"

#include <gumbo.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// How far down the open-element stack an end tag may look for its start tag. Real markup
// closes within a few levels; a bound keeps hostile input linear.
constexpr size_t kEndTagSearchLimit = 64;

bool IsVoid(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMAGE:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// Elements a following sibling closes implicitly: repeating them does not deepen the tree.
bool HasOptionalEndTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_RB:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_RP:
      return true;
    default:
      return false;
  }
}

bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == ':' || c == '_';
}

uint32_t HashName(std::string_view name) {
  uint32_t h = 2166136261u;  // FNV-1a
  for (char c : name) {
    h ^= static_cast<unsigned char>(AsciiLower(c));
    h *= 16777619u;
  }
  return h;
}

// Position after the '>' that ends a tag whose attributes start at `pos` (quotes respected),
// or s.size().
size_t SkipTag(std::string_view s, size_t pos, bool* self_closing) {
  *self_closing = false;
  while (pos < s.size()) {
    const char c = s[pos];
    if (c == '>') {
      *self_closing = pos > 0 && s[pos - 1] == '/';
      return pos + 1;
    }
    if ((c == '"' || c == '\'') && pos > 0 && (s[pos - 1] == '=' || IsAsciiSpace(s[pos - 1]))) {
      const size_t end = s.find(c, pos + 1);
      if (end == std::string_view::npos) return s.size();
      pos = end + 1;
      continue;
    }
    ++pos;
  }
  return s.size();
}

// Position of the next "<needle" (ASCII case-insensitive) at or after `pos`, or s.size().
size_t FindClosingTag(std::string_view s, std::string_view needle, size_t pos) {
  while ((pos = s.find('<', pos)) != std::string_view::npos) {
    if (StartsWithIgnoreCase(s.substr(pos), needle)) return pos;
    ++pos;
  }
  return s.size();
}

}  // namespace

NestingGuardResult CapNestingDepth(std::string_view html, int max_depth, std::string* storage) {
  std::vector<uint32_t> open;                    // names of open elements, innermost last
  std::vector<uint32_t> suppressed;              // names of dropped start tags still "open"
  std::vector<std::pair<size_t, size_t>> drops;  // byte ranges to remove
  const size_t limit = max_depth > 0 ? static_cast<size_t>(max_depth) : 1;

  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    const size_t lt = pos;
    if (html.substr(lt, 4) == "<!--") {
      const size_t end = html.find("-->", lt + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (lt + 1 < html.size() && (html[lt + 1] == '!' || html[lt + 1] == '?')) {
      const size_t end = html.find('>', lt);
      pos = end == std::string_view::npos ? html.size() : end + 1;
      continue;
    }
    const bool is_end = lt + 1 < html.size() && html[lt + 1] == '/';
    size_t name_start = lt + (is_end ? 2 : 1);
    if (name_start >= html.size() || !IsAsciiAlpha(html[name_start])) {
      pos = lt + 1;  // "a < b" in text
      continue;
    }
    size_t name_end = name_start;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    const std::string_view name = html.substr(name_start, name_end - name_start);
    bool self_closing = false;
    const size_t tag_end = SkipTag(html, name_end, &self_closing);
    pos = tag_end;
    const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
    const uint32_t hash = HashName(name);

    if (is_end) {
      if (!suppressed.empty() && suppressed.back() == hash) {
        suppressed.pop_back();
        drops.emplace_back(lt, tag_end);
        continue;
      }
      const size_t searched = std::min(open.size(), kEndTagSearchLimit);
      for (size_t i = 0; i < searched; ++i) {
        if (open[open.size() - 1 - i] == hash) {
          open.resize(open.size() - 1 - i);
          break;
        }
      }
      continue;
    }

    if (IsRawTextTag(tag)) {
      // Skip to the matching end tag; a raw-text element holds no tags.
      const std::string closing = "</" + std::string(name);
      pos = FindClosingTag(html, closing, tag_end);
      if (tag == GUMBO_TAG_PLAINTEXT) pos = html.size();
      continue;
    }
    if (IsVoid(tag) || self_closing || HasOptionalEndTag(tag)) continue;
    if (open.size() >= limit) {
      drops.emplace_back(lt, tag_end);
      suppressed.push_back(hash);
      continue;
    }
    open.push_back(hash);
  }

  NestingGuardResult result;
  if (drops.empty()) {
    result.html = html;
    return result;
  }
  storage->clear();
  storage->reserve(html.size());
  size_t copied = 0;
  for (const auto& [begin, end] : drops) {
    storage->append(html.data() + copied, begin - copied);
    copied = end;
  }
  storage->append(html.data() + copied, html.size() - copied);
  result.html = *storage;
  result.dropped_tags = drops.size();
  return result;
}

}  // namespace strata::parser
