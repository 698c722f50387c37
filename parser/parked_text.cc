#include "parser/parked_text.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "parser/dom.h"
#include "parser/gumbo_arena.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// What a byte is to the run scanner.
enum ByteClass : uint8_t {
  kText,     // printable ASCII other than '<' and '&'
  kSpace,    // ' ', '\t', '\n', '\f': inside a run, never its first byte
  kLess,     // '<'
  kAmp,      // '&'
  kBreak,    // a byte Gumbo rewrites or reads specially: ends a run ('\r', NUL, controls, ...)
  kLead2,    // first byte of a two-byte UTF-8 sequence
  kLead3,    // ... three-byte
  kLead4,    // ... four-byte, planes 1-15
  kPlane16,  // 0xF4: planes 16 and beyond, where the stand-ins live
};

constexpr std::array<ByteClass, 256> MakeByteClasses() {
  std::array<ByteClass, 256> classes{};
  for (int b = 0; b < 256; ++b) {
    ByteClass c = kBreak;
    if (b >= 0x21 && b <= 0x7E) c = kText;
    if (b == ' ' || b == '\t' || b == '\n' || b == '\f') c = kSpace;
    if (b >= 0xC2 && b <= 0xDF) c = kLead2;
    if (b >= 0xE0 && b <= 0xEF) c = kLead3;
    if (b >= 0xF0 && b <= 0xF3) c = kLead4;
    if (b == 0xF4) c = kPlane16;
    classes[b] = c;
  }
  classes['<'] = kLess;
  classes['&'] = kAmp;
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClasses = MakeByteClasses();

ByteClass ClassOf(char c) { return kByteClasses[static_cast<uint8_t>(c)]; }
bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

// Length of the UTF-8 character at s[pos] if Gumbo keeps it as it is (valid, not a C1 control
// or noncharacter), else 0.
size_t KeptCharacterLength(std::string_view s, size_t pos, ByteClass lead_class) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[pos + i]); };
  switch (lead_class) {
    case kLead2:
      // C2 80..C2 9F are the C1 controls, which Gumbo replaces.
      if (pos + 1 >= s.size() || !IsContinuation(s[pos + 1])) return 0;
      return byte(0) == 0xC2 && byte(1) < 0xA0 ? 0 : 2;
    case kLead3: {
      if (pos + 2 >= s.size() || !IsContinuation(s[pos + 1]) || !IsContinuation(s[pos + 2])) {
        return 0;
      }
      if (byte(0) == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
      if (byte(0) == 0xED && byte(1) >= 0xA0) return 0;  // surrogate
      if (byte(0) == 0xEF && byte(1) == 0xB7 && byte(2) >= 0x90 && byte(2) <= 0xAF) {
        return 0;  // U+FDD0..U+FDEF, noncharacters
      }
      if (byte(0) == 0xEF && byte(1) == 0xBF && byte(2) >= 0xBE) return 0;  // U+FFFE, U+FFFF
      return 3;
    }
    case kLead4: {
      if (pos + 3 >= s.size() || !IsContinuation(s[pos + 1]) || !IsContinuation(s[pos + 2]) ||
          !IsContinuation(s[pos + 3])) {
        return 0;
      }
      if (byte(0) == 0xF0 && byte(1) < 0x90) return 0;                               // overlong
      if ((byte(1) & 0x0F) == 0x0F && byte(2) == 0xBF && byte(3) >= 0xBE) return 0;  // xFFFE/F
      return 4;
    }
    default:
      return 0;
  }
}

bool IsHexDigit(char c) { return IsAsciiDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

constexpr size_t kNotFound = std::string_view::npos;

// Position after the '>' that ends a tag whose name ended at `pos`, read as the HTML tokenizer
// reads attributes, or kNotFound when the input ends inside the tag.
size_t SkipAttributes(std::string_view s, size_t pos) {
  const size_t n = s.size();
  for (;;) {
    while (pos < n && IsTagSpace(s[pos])) ++pos;  // before attribute name
    if (pos >= n) return kNotFound;
    if (s[pos] == '>') return pos + 1;
    if (s[pos] == '/') {  // self-closing: '>' ends the tag, anything else starts over
      ++pos;
      if (pos < n && s[pos] == '>') return pos + 1;
      continue;
    }
    ++pos;  // an attribute name's first character may be anything else, '=' and quotes too
    while (pos < n && !IsTagSpace(s[pos]) && s[pos] != '/' && s[pos] != '>' && s[pos] != '=') {
      ++pos;
    }
    while (pos < n && IsTagSpace(s[pos])) ++pos;  // after attribute name
    if (pos >= n) return kNotFound;
    if (s[pos] != '=') continue;
    ++pos;
    while (pos < n && IsTagSpace(s[pos])) ++pos;  // before attribute value
    if (pos >= n) return kNotFound;
    if (s[pos] == '"' || s[pos] == '\'') {
      const size_t close = s.find(s[pos], pos + 1);
      if (close == kNotFound) return kNotFound;
      pos = close + 1;
      continue;
    }
    if (s[pos] == '>') return pos + 1;
    while (pos < n && !IsTagSpace(s[pos]) && s[pos] != '>') ++pos;  // unquoted value
  }
}

// The lower-case name of an element whose content the tokenizer reads as text, not markup, up
// to its end tag; "" for any other.
std::string_view RawTextElementName(std::string_view name) {
  static constexpr std::string_view kNames[] = {"script", "style",  "textarea", "title",
                                                "xmp",    "iframe", "noembed",  "noframes"};
  if (name.size() < 3 || name.size() > 8) return {};
  for (const std::string_view raw : kNames) {
    if (EqualsIgnoreCase(name, raw)) return raw;
  }
  return {};
}

// Where "</name" followed by a tag space, '/' or '>' starts at or after `pos`, or kNotFound.
size_t FindEndTag(std::string_view s, std::string_view name, size_t pos) {
  while ((pos = s.find("</", pos)) != kNotFound) {
    const size_t after = pos + 2 + name.size();
    if (after < s.size() && EqualsIgnoreCase(s.substr(pos + 2, name.size()), name) &&
        (IsTagSpace(s[after]) || s[after] == '/' || s[after] == '>')) {
      return pos;
    }
    pos += 2;
  }
  return kNotFound;
}

// Where a comment starting at `lt` ("<!--") ends, past its "-->" or "--!>", or kNotFound.
size_t CommentEnd(std::string_view s, size_t lt) {
  const size_t body = lt + 4;
  if (s.substr(body, 1) == ">") return body + 1;
  if (s.substr(body, 2) == "->") return body + 2;
  size_t pos = body;
  while ((pos = s.find("--", pos)) != kNotFound) {
    if (s.substr(pos + 2, 1) == ">") return pos + 3;
    if (s.substr(pos + 2, 2) == "!>") return pos + 4;
    ++pos;
  }
  return kNotFound;
}

// Where markup starting with '<' at `lt` ends (the position the tokenizer is back in its data
// state), kNotFound when no run may follow (input ends inside it, <plaintext>, CDATA), or `lt`
// + 1 when the '<' is text.
size_t SkipMarkup(std::string_view s, size_t lt) {
  const size_t n = s.size();
  if (lt + 1 >= n) return lt + 1;
  const char next = s[lt + 1];
  if (IsAsciiAlpha(next) || (next == '/' && lt + 2 < n && IsAsciiAlpha(s[lt + 2]))) {
    const bool end_tag = next == '/';
    const size_t name_start = lt + (end_tag ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < n && !IsTagSpace(s[name_end]) && s[name_end] != '/' && s[name_end] != '>') {
      ++name_end;
    }
    const size_t tag_end = SkipAttributes(s, name_end);
    if (end_tag || tag_end == kNotFound) return tag_end;
    const std::string_view name = s.substr(name_start, name_end - name_start);
    if (EqualsIgnoreCase(name, "plaintext")) return kNotFound;
    const std::string_view raw_text = RawTextElementName(name);
    if (raw_text.empty()) return tag_end;
    return FindEndTag(s, raw_text, tag_end);  // its content is text, never parked
  }
  if (next == '/') {
    if (lt + 2 >= n) return lt + 1;            // "</" at the end is text
    if (s[lt + 2] == '>') return lt + 3;       // "</>" is dropped
    const size_t close = s.find('>', lt + 2);  // a bogus comment
    return close == kNotFound ? kNotFound : close + 1;
  }
  if (next == '!') {
    if (s.substr(lt, 4) == "<!--") return CommentEnd(s, lt);
    if (s.substr(lt, 9) == "<![CDATA[") return kNotFound;  // CDATA in foreign content
    const size_t close = s.find('>', lt + 2);              // doctype, bogus comment
    return close == kNotFound ? kNotFound : close + 1;
  }
  if (next == '?') {
    const size_t close = s.find('>', lt + 2);
    return close == kNotFound ? kNotFound : close + 1;
  }
  return lt + 1;  // "a < b": the '<' is text
}

// Where the character reference starting with '&' at `amp` ends: past the '#', digits or
// name and ';' Gumbo may read as one. Sets *plane16 when it may decode to plane 16.
size_t SkipCharacterReference(std::string_view s, size_t amp, bool* plane16) {
  size_t pos = amp + 1;
  const size_t n = s.size();
  if (pos < n && s[pos] == '#') {
    ++pos;
    const bool hex = pos < n && (s[pos] == 'x' || s[pos] == 'X');
    if (hex) ++pos;
    uint32_t value = 0;
    for (; pos < n && (hex ? IsHexDigit(s[pos]) : IsAsciiDigit(s[pos])); ++pos) {
      const uint32_t digit = IsAsciiDigit(s[pos]) ? s[pos] - '0' : (s[pos] | 0x20) - 'a' + 10;
      if (value < 0x100000) value = value * (hex ? 16 : 10) + digit;
    }
    if (value >= 0x100000) *plane16 = true;
  } else {
    while (pos < n && (IsAsciiAlpha(s[pos]) || IsAsciiDigit(s[pos]))) ++pos;
  }
  if (pos < n && s[pos] == ';') ++pos;
  return pos;
}

void AppendStandIn(size_t index, std::string* out) {
  const uint32_t code_point = 0x100000 + static_cast<uint32_t>(index);
  out->push_back(static_cast<char>(0xF4));
  out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
}

// The index of the stand-in at text[0..3] (text[0] is 0xF4), or kNotFound.
size_t StandInIndex(const char* text) {
  const auto byte = [&](int i) { return static_cast<uint8_t>(text[i]); };
  if (!IsContinuation(text[1]) || !IsContinuation(text[2]) || !IsContinuation(text[3]) ||
      byte(1) > 0x8F) {
    return kNotFound;
  }
  return (static_cast<size_t>(byte(1) & 0x0F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
}

// Elements whose text children the tokenizer read raw: a stand-in there means the scanner
// misread the markup.
bool HasRawTextChildren(const GumboNode* element) {
  return element->type == GUMBO_NODE_ELEMENT &&
         element->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         IsRawTextTag(element->v.element.tag);
}

// Rewrites one text node's stand-ins into their runs. False on a stand-in that is unknown or
// seen before.
bool RestoreTextNode(const ParkedText& parked, GumboNode* node, std::vector<uint8_t>* seen,
                     size_t* restored, GumboArena* arena) {
  const char* text = node->v.text.text;
  const size_t length = std::strlen(text);
  if (std::memchr(text, '\xF4', length) == nullptr) return true;
  size_t new_length = 0;
  for (size_t i = 0; i < length;) {
    if (text[i] != '\xF4') {
      ++i;
      ++new_length;
      continue;
    }
    if (i + 4 > length) return false;
    const size_t index = StandInIndex(text + i);
    if (index >= parked.runs.size() || (*seen)[index] != 0) return false;
    (*seen)[index] = 1;
    ++*restored;
    new_length += parked.runs[index].size();
    i += 4;
  }
  char* out = static_cast<char*>(arena->Allocate(new_length + 1));
  char* cursor = out;
  for (size_t i = 0; i < length;) {
    const char* stand_in = static_cast<const char*>(std::memchr(text + i, '\xF4', length - i));
    const size_t plain = (stand_in == nullptr ? text + length : stand_in) - (text + i);
    std::memcpy(cursor, text + i, plain);
    cursor += plain;
    i += plain;
    if (stand_in == nullptr) break;
    const std::string_view run = parked.runs[StandInIndex(stand_in)];
    std::memcpy(cursor, run.data(), run.size());
    cursor += run.size();
    i += 4;
  }
  *cursor = '\0';
  node->v.text.text = out;
  return true;
}

// True when text parsed from `rest` may hold a plane-16 character: a byte 0xF4, or a numeric
// reference to one.
bool MayHoldPlane16(std::string_view rest) {
  if (std::memchr(rest.data(), '\xF4', rest.size()) != nullptr) return true;
  for (size_t amp = rest.find('&'); amp != kNotFound; amp = rest.find('&', amp + 1)) {
    bool plane16 = false;
    SkipCharacterReference(rest, amp, &plane16);
    if (plane16) return true;
  }
  return false;
}

bool ContainsStandIn(const GumboNode* node) {
  return std::strchr(node->v.text.text, '\xF4') != nullptr;
}

}  // namespace

ParkedText ParkTextRuns(std::string_view html, std::string* storage) {
  ParkedText parked;
  parked.html = html;
  storage->clear();
  size_t copied = 0;  // html[0, copied) is in *storage
  const auto unparked = [&] {
    parked.runs.clear();
    parked.html = html;
    return parked;
  };
  const size_t n = html.size();
  size_t run_start = kNotFound;
  const auto end_run = [&](size_t end) {
    if (run_start == kNotFound) return;
    if (end - run_start >= kMinParkedRunBytes && parked.runs.size() < kMaxParkedRuns) {
      if (storage->empty()) storage->reserve(n);
      storage->append(html.data() + copied, run_start - copied);
      AppendStandIn(parked.runs.size(), storage);
      parked.runs.push_back(html.substr(run_start, end - run_start));
      copied = end;
    }
    run_start = kNotFound;
  };
  size_t pos = 0;
  while (pos < n) {
    const ByteClass c = ClassOf(html[pos]);
    if (c == kText) {
      if (run_start == kNotFound) run_start = pos;
      // The bulk of a page: ASCII text and spaces, in a tight loop.
      for (++pos; pos < n; ++pos) {
        const ByteClass next = ClassOf(html[pos]);
        if (next != kText && next != kSpace) break;
      }
      continue;
    }
    if (c == kSpace) {
      ++pos;
      continue;
    }
    if (c == kLead2 || c == kLead3 || c == kLead4) {
      const size_t length = KeptCharacterLength(html, pos, c);
      if (length > 0) {
        if (run_start == kNotFound) run_start = pos;
        pos += length;
        continue;
      }
    }
    end_run(pos);
    if (c == kPlane16) return unparked();
    if (c == kLess) {
      const size_t markup_end = SkipMarkup(html, pos);
      if (markup_end == kNotFound) {
        // No run may follow (input ends in markup, <plaintext>, CDATA), but the text Gumbo
        // reads there must not hold what looks like a stand-in.
        if (MayHoldPlane16(html.substr(pos))) return unparked();
        break;
      }
      pos = markup_end;
      continue;
    }
    if (c == kAmp) {
      bool plane16 = false;
      pos = SkipCharacterReference(html, pos, &plane16);
      if (plane16) return unparked();
      continue;
    }
    ++pos;  // a byte Gumbo rewrites
  }
  end_run(n);
  if (parked.runs.empty()) return unparked();
  storage->append(html.data() + copied, n - copied);
  parked.html = *storage;
  return parked;
}

bool RestoreParkedText(const ParkedText& parked, GumboOutput* output, GumboArena* arena) {
  if (parked.runs.empty()) return true;
  std::vector<uint8_t> seen(parked.runs.size(), 0);
  size_t restored = 0;
  std::vector<GumboNode*> stack{output->document};
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      children = &node->v.element.children;
    }
    if (children == nullptr) continue;
    const bool raw = HasRawTextChildren(node);
    for (unsigned i = 0; i < children->length; ++i) {
      auto* child = static_cast<GumboNode*>(children->data[i]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
          if (raw) {
            if (ContainsStandIn(child)) return false;
          } else if (!RestoreTextNode(parked, child, &seen, &restored, arena)) {
            return false;
          }
          break;
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_COMMENT:
        case GUMBO_NODE_WHITESPACE:
          if (ContainsStandIn(child)) return false;
          break;
        default:
          stack.push_back(child);
      }
    }
  }
  return restored == parked.runs.size();
}

}  // namespace strata::parser
