#include "parser/author.h"

#include <re2/re2.h>

#include <array>

#include "parser/date_parse.h"
#include "parser/dom.h"
#include "parser/text_util.h"
#include "parser/utf8.h"

namespace strata::parser {
namespace {

// Longest first: "posted by" before "by".
constexpr std::array<std::string_view, 16> kPrefixes = {
    "posted by", "written by", "published by", "words by", "story by", "author:",
    "authors:",  "作者：",     "作者:",        "作者",     "撰文：",   "撰文",
    "文/",       "文 /",       "by:",          "by"};

// Where a name ends and the rest of a byline begins.
constexpr std::array<std::string_view, 24> kStops = {
    " | ",  "|",    " · ",    "·",      "•",      " - ",      " — ",  " – ",
    ",",    "，",   "发布于", "发表于", "更新于", "发布时间", "阅读", "评论",
    "浏览", " on ", " at ",   " in ",   "\n",     "(",        "（",   "关注"};

bool IsCjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Position of a date-looking run: four digits followed by '-', '/', '.' or 年.
size_t FindDateStart(std::string_view s) {
  for (size_t i = 0; i + 4 < s.size(); ++i) {
    if (IsAsciiDigit(s[i]) && IsAsciiDigit(s[i + 1]) && IsAsciiDigit(s[i + 2]) &&
        IsAsciiDigit(s[i + 3]) && (i == 0 || !IsAsciiDigit(s[i - 1]))) {
      const std::string_view rest = s.substr(i + 4);
      if (rest.starts_with("-") || rest.starts_with("/") || rest.starts_with(".") ||
          rest.starts_with("年")) {
        return i;
      }
    }
  }
  return std::string_view::npos;
}

bool LooksLikeName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (ContainsIgnoreCase(name, "http") || ContainsIgnoreCase(name, "www.")) return false;
  bool has_letter = false;
  size_t spaces = 0;
  size_t pos = 0;
  while (pos < name.size()) {
    const char32_t cp = DecodeUtf8(name, &pos);
    if (cp == ' ') ++spaces;
    if (cp >= 0x80 || IsAsciiAlpha(static_cast<char>(cp))) has_letter = true;
  }
  return has_letter && spaces <= 5;
}

}  // namespace

std::string CleanByline(std::string_view text) {
  std::string s = CollapseWhitespace(text);
  std::string_view v = s;
  // Prefixes, possibly two ("By: Author:").
  for (int round = 0; round < 2; ++round) {
    for (std::string_view prefix : kPrefixes) {
      if (StartsWithIgnoreCase(v, prefix)) {
        // "by" must be a word of its own: not the start of "Byron".
        const std::string_view rest = v.substr(prefix.size());
        if (IsAsciiAlpha(prefix.back()) && !rest.empty() && IsAsciiAlpha(rest.front())) continue;
        v = TrimSpace(rest);
        while (!v.empty() && (v.front() == ':' || v.front() == '/')) v = TrimSpace(v.substr(1));
        if (v.starts_with("：")) v = TrimSpace(v.substr(3));
        break;
      }
    }
  }
  size_t end = v.size();
  for (std::string_view stop : kStops) {
    const size_t at = v.find(stop);
    if (at != std::string_view::npos && at < end) end = at;
  }
  end = std::min(end, FindDateStart(v));
  // Looked for in the whole byline: the comma of "November 15, 2019" is also a stop.
  if (std::optional<DateMatch> date = FindDateMatch(v)) {
    end = std::min(end, date->begin);  // "Carrie Arnold November 15, 2019"
  }
  v = TrimSpace(v.substr(0, end));
  // A CJK name has no spaces: "张三 2 小时前" ends at the space.
  if (!v.empty()) {
    size_t pos = 0;
    if (IsCjk(DecodeUtf8(v, &pos))) v = v.substr(0, v.find(' '));
  }
  while (!v.empty() && (v.back() == ':' || v.back() == '.' || v.back() == ';')) v.remove_suffix(1);
  v = TrimSpace(v);
  if (v.starts_with("@")) v.remove_prefix(1);
  return LooksLikeName(v) ? std::string(v) : "";
}

std::string TidyDeclaredAuthor(std::string_view text) {
  std::string s = CollapseWhitespace(text);
  std::string_view v = s;
  if (StartsWithIgnoreCase(v, "by ")) v = TrimSpace(v.substr(3));
  v = TrimSpace(v.substr(0, v.find(" | ")));
  if (v.empty() || v.size() > 200 || ContainsIgnoreCase(v, "http://") ||
      ContainsIgnoreCase(v, "https://")) {
    return "";
  }
  return std::string(v);
}

std::string FindBylineInText(std::string_view line) {
  static const RE2* const kCjk = new RE2("(?:作者|撰文)\\s*[:：]\\s*(.+)");
  static const RE2* const kCjkSlash = new RE2("(?:^|\\s)文\\s*/\\s*(.+)");
  // "posted @ 2025-02-14 10:00 张三 阅读(123)": the blog-engine byline of cnblogs and its kin.
  static const RE2* const kPostedAt = new RE2(
      "(?i)posted\\s*@\\s*\\d{4}-\\d{1,2}-\\d{1,2}(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?\\s+(\\S+)");
  static const RE2* const kEnglish = [] {
    RE2::Options options;
    options.set_log_errors(false);
    // "By" (any case) followed by a capitalised name of up to four words ("García-López",
    // "O'Neil", "Émile": letters of any script, marks, apostrophes and hyphens).
    return new RE2(
        "(?:^|[^A-Za-z])(?:[Bb][Yy]|BY)\\s+(\\p{Lu}[\\p{L}\\p{M}\\d.'’-]*"
        "(?:\\s+(?:\\p{Lu}[\\p{L}\\p{M}\\d.'’-]*|van|von|de|der|da|del|le|la)){0,4})",
        options);
  }();
  if (line.size() > 300) line = line.substr(0, 300);
  const re2::StringPiece input(line.data(), line.size());
  re2::StringPiece name;
  // "By Name" is only trusted in short lines: in prose, "by" followed by a capital is common.
  if (RE2::PartialMatch(input, *kCjk, &name) || RE2::PartialMatch(input, *kCjkSlash, &name) ||
      RE2::PartialMatch(input, *kPostedAt, &name) ||
      (line.size() <= 100 && RE2::PartialMatch(input, *kEnglish, &name))) {
    std::string_view found(name.data(), name.size());
    // "By Carrie Arnold November 15, 2019": the capitalised month is not part of the name.
    const std::string_view from_name = line.substr(static_cast<size_t>(name.data() - line.data()));
    if (std::optional<DateMatch> date = FindDateMatch(from_name)) {
      if (date->begin < found.size()) found = found.substr(0, date->begin);
    }
    return CleanByline(found);
  }
  return "";
}

std::string AuthorFromElements(const std::vector<const GumboNode*>& itemprops,
                               const std::vector<const GumboNode*>& author_links,
                               const std::vector<const GumboNode*>& author_hints) {
  // itemprop="author": the name is in a nested itemprop="name", a content attribute, or text.
  for (const GumboNode* node : itemprops) {
    if (!HasToken(node, "itemprop", "author") && !HasToken(node, "itemprop", "creator")) continue;
    std::string name;
    Walk(node, [&name, node](const GumboNode* n) {
      if (n != node && IsElement(n) && HasToken(n, "itemprop", "name")) {
        const std::string_view content = Attribute(n, "content");
        name = CleanByline(content.empty() ? InlineText(n) : std::string(content));
        return WalkAction::kStop;
      }
      return WalkAction::kContinue;
    });
    if (name.empty()) {
      const std::string_view content = Attribute(node, "content");
      name = CleanByline(content.empty() ? InlineText(node) : std::string(content));
    }
    if (!name.empty()) return name;
  }
  for (const GumboNode* link : author_links) {
    std::string name = CleanByline(InlineText(link));
    if (!name.empty()) return name;
  }
  for (const GumboNode* node : author_hints) {
    const std::string text = InlineText(node);
    if (text.empty() || text.size() > 120) continue;
    // A labelled byline inside the element ("作者：张三") beats the element's whole text.
    std::string name = FindBylineInText(text);
    if (name.empty()) name = CleanByline(text);
    if (!name.empty()) return name;
  }
  return "";
}

}  // namespace strata::parser
