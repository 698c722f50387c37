#include "parser/sanitize_raw_text.h"

#include <utility>

#include "parser/text_util.h"

namespace strata::parser {
namespace {

bool IsTagNameChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == ':' || c == '_';
}

// Position after the '>' that ends a tag whose attributes start at `pos` (quoted values
// respected), or s.size().
size_t SkipTag(std::string_view s, size_t pos) {
  while (pos < s.size()) {
    const char c = s[pos];
    if (c == '>') return pos + 1;
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

// The value of attribute `name` (lower case) in the attribute text of a start tag, or "".
std::string_view AttributeIn(std::string_view attributes, std::string_view name) {
  size_t pos = 0;
  const size_t n = attributes.size();
  while (pos < n) {
    while (pos < n && (IsAsciiSpace(attributes[pos]) || attributes[pos] == '/')) ++pos;
    const size_t name_start = pos;
    while (pos < n && !IsAsciiSpace(attributes[pos]) && attributes[pos] != '=' &&
           attributes[pos] != '>' && attributes[pos] != '/') {
      ++pos;
    }
    const std::string_view attr = attributes.substr(name_start, pos - name_start);
    while (pos < n && IsAsciiSpace(attributes[pos])) ++pos;
    std::string_view value;
    if (pos < n && attributes[pos] == '=') {
      ++pos;
      while (pos < n && IsAsciiSpace(attributes[pos])) ++pos;
      if (pos < n && (attributes[pos] == '"' || attributes[pos] == '\'')) {
        const char quote = attributes[pos++];
        const size_t end = attributes.find(quote, pos);
        value = attributes.substr(pos, end == std::string_view::npos ? n - pos : end - pos);
        pos = end == std::string_view::npos ? n : end + 1;
      } else {
        const size_t start = pos;
        while (pos < n && !IsAsciiSpace(attributes[pos]) && attributes[pos] != '>') ++pos;
        value = attributes.substr(start, pos - start);
      }
    }
    if (attr.empty()) {
      if (pos == name_start) ++pos;  // a stray character: step over it
      continue;
    }
    if (EqualsIgnoreCase(attr, name)) return value;
  }
  return {};
}

// True when s[lt] starts the end tag "</name" (any case) followed by a space, '/', '>' or the
// end: where the HTML tokenizer ends the tag's name.
bool IsEndTagOf(std::string_view s, size_t lt, std::string_view name) {
  const size_t after = lt + 2 + name.size();
  return after <= s.size() && s.substr(lt, 2) == "</" &&
         EqualsIgnoreCase(s.substr(lt + 2, name.size()), name) &&
         (after == s.size() || IsAsciiSpace(s[after]) || s[after] == '/' || s[after] == '>');
}

// Where the end tag "</name" starts at or after `pos`, or s.size() when there is none (the
// element then runs to the end, as in a browser).
size_t FindEndTag(std::string_view s, std::string_view name, size_t pos) {
  while ((pos = s.find("</", pos)) != std::string_view::npos) {
    if (IsEndTagOf(s, pos, name)) return pos;
    pos += 2;
  }
  return s.size();
}

// Where a comment that starts at `lt` ("<!--") ends, past its "-->" (the HTML tokenizer also
// ends "<!-->" and "<!--->" at once, and an unclosed comment at the end of the input).
size_t CommentEnd(std::string_view s, size_t lt) {
  const size_t body = lt + 4;
  if (s.substr(body, 1) == ">") return body + 1;
  if (s.substr(body, 2) == "->") return body + 2;
  size_t pos = body;
  while ((pos = s.find("--", pos)) != std::string_view::npos) {
    if (s.substr(pos + 2, 1) == ">") return pos + 3;
    if (s.substr(pos + 2, 2) == "!>") return pos + 4;
    ++pos;
  }
  return s.size();
}

// HTML's whitespace (not \v, which HTML reads as a character).
bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

enum class Content { kMarkup, kBlank, kKeepRaw, kRestIsText };

// What to do with the content of an element by its (lower-case) name; `attributes` is the
// rest of its start tag.
Content ContentOf(std::string_view name, std::string_view attributes) {
  if (name == "script") {
    // JSON data blocks are data (JSON-LD, application/json): kept for the metadata readers.
    return ContainsIgnoreCase(AttributeIn(attributes, "type"), "json") ? Content::kKeepRaw
                                                                       : Content::kBlank;
  }
  if (name == "style" || name == "svg") return Content::kBlank;
  if (name == "textarea" || name == "title" || name == "xmp" || name == "iframe" ||
      name == "noembed" || name == "noframes") {
    return Content::kKeepRaw;  // text, not markup: nothing inside may start a tag
  }
  if (name == "plaintext") return Content::kRestIsText;
  return Content::kMarkup;
}

}  // namespace

BlankedHtml BlankScriptsAndStyles(std::string_view html, std::string* storage) {
  BlankedHtml result;
  std::vector<std::pair<size_t, size_t>> cuts;  // byte ranges to remove, in order
  // Whitespace between two pieces of markup (indentation) shrinks to one character, a line
  // break when it had one ('\r' is one to the parser too). Every renderer reads such a run as
  // one space or one line break; only <pre> and <listing> keep it as it is.
  size_t text_start = 0;  // where the text after the last piece of markup begins
  int preformatted = 0;   // open <pre> and <listing> elements
  const auto shrink_whitespace = [&](size_t begin, size_t end) {
    if (preformatted > 0 || end - begin < 2) return;
    size_t keep = end;
    for (size_t i = begin; i < end; ++i) {
      if (!IsHtmlSpace(html[i])) return;
      if (keep == end && (html[i] == '\n' || html[i] == '\r')) keep = i;
    }
    if (keep == end) keep = begin;
    if (keep > begin) cuts.emplace_back(begin, keep);
    if (keep + 1 < end) cuts.emplace_back(keep + 1, end);
  };
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    const size_t lt = pos;
    const bool markup =
        lt + 1 < html.size() && (IsAsciiAlpha(html[lt + 1]) || html[lt + 1] == '!' ||
                                 html[lt + 1] == '?' || html[lt + 1] == '/');
    if (markup) shrink_whitespace(text_start, lt);
    if (html.substr(lt, 4) == "<!--") {
      pos = CommentEnd(html, lt);
      cuts.emplace_back(lt, pos);
      text_start = pos;
      continue;
    }
    if (lt + 1 < html.size() &&
        (html[lt + 1] == '!' || html[lt + 1] == '?' || html[lt + 1] == '/')) {
      if (preformatted > 0 && (IsEndTagOf(html, lt, "pre") || IsEndTagOf(html, lt, "listing"))) {
        --preformatted;
      }
      const size_t end = html.find('>', lt + 1);  // doctype, bogus comment, end tag
      pos = end == std::string_view::npos ? html.size() : end + 1;
      text_start = pos;
      continue;
    }
    if (lt + 1 >= html.size() || !IsAsciiAlpha(html[lt + 1])) {
      pos = lt + 1;  // "a < b" in text
      continue;
    }
    size_t name_end = lt + 1;
    while (name_end < html.size() && IsTagNameChar(html[name_end])) ++name_end;
    const std::string name = AsciiLowercase(html.substr(lt + 1, name_end - lt - 1));
    const size_t tag_end = SkipTag(html, name_end);
    pos = tag_end;
    text_start = pos;
    if (name == "pre" || name == "listing") ++preformatted;
    const std::string_view attributes = html.substr(name_end, tag_end - name_end);
    const Content content = ContentOf(name, attributes);
    if (content == Content::kMarkup) continue;
    if (content == Content::kRestIsText) break;
    if (name == "svg" && attributes.ends_with("/>")) continue;  // <svg/> has no content
    const size_t end = FindEndTag(html, name, tag_end);
    if (content == Content::kBlank && end > tag_end) {
      cuts.emplace_back(tag_end, end);
      if (name == "script") {
        const std::string_view body = html.substr(tag_end, end - tag_end);
        if (!TrimSpace(body).empty()) result.scripts.push_back(body);
      }
    }
    pos = end;
    text_start = end;  // the raw content is no whitespace between markup
  }
  if (cuts.empty()) {
    result.html = html;
    return result;
  }
  storage->clear();
  storage->reserve(html.size());
  size_t copied = 0;
  for (const auto& [begin, end] : cuts) {
    storage->append(html.data() + copied, begin - copied);
    result.removed_bytes += end - begin;
    copied = end;
  }
  storage->append(html.data() + copied, html.size() - copied);
  result.html = *storage;
  return result;
}

}  // namespace strata::parser
