#include "parser/markdown.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "parser/dom.h"
#include "parser/sanitize.h"
#include "parser/text_util.h"
#include "parser/utf8.h"

namespace strata::parser {
namespace {

// Cells and rows of the biggest table rendered as a pipe table; larger ones become paragraphs.
constexpr size_t kMaxTableCells = 10'000;

int HeadingLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1:
      return 1;
    case GUMBO_TAG_H2:
      return 2;
    case GUMBO_TAG_H3:
      return 3;
    case GUMBO_TAG_H4:
      return 4;
    case GUMBO_TAG_H5:
      return 5;
    case GUMBO_TAG_H6:
      return 6;
    default:
      return 0;
  }
}

size_t LongestRun(std::string_view s, char c) {
  size_t best = 0, run = 0;
  for (char x : s) {
    run = x == c ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// Escapes what would otherwise start Markdown syntax anywhere in a line.
bool NeedsEscape(char c) {
  static constexpr auto kTable = [] {
    std::array<bool, 256> table{};
    for (unsigned char x : {'\\', '*', '_', '`', '[', ']', '<', '~', '|', '&'}) table[x] = true;
    return table;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

void AppendEscaped(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    size_t run = i;
    while (run < text.size() && !NeedsEscape(text[run])) ++run;
    out->append(text.data() + i, run - i);
    if (run == text.size()) break;
    const char c = text[run];
    // '&' only when it would start an entity ("&name;", "&#9;").
    if (c != '&' ||
        (run + 1 < text.size() && (IsAsciiAlpha(text[run + 1]) || text[run + 1] == '#'))) {
      out->push_back('\\');
    }
    out->push_back(c);
    i = run + 1;
  }
}

// Escapes what would start a block construct at the start of a line: headings, quotes, list
// markers, setext underlines, thematic breaks.
std::string EscapeLineStart(std::string_view line) {
  std::string out;
  if (line.empty()) return out;
  const char c = line.front();
  if (c == '#' || c == '>' || c == '+' || c == '-' || c == '=') {
    out.push_back('\\');
    out.append(line);
    return out;
  }
  size_t digits = 0;
  while (digits < line.size() && IsAsciiDigit(line[digits])) ++digits;
  if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
    out.append(line.substr(0, digits));
    out.push_back('\\');
    out.append(line.substr(digits));
    return out;
  }
  return std::string(line);
}

// A URL inside "(...)": spaces and parentheses percent-encoded.
std::string LinkDestination(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    switch (c) {
      case ' ':
        out.append("%20");
        break;
      case '(':
        out.append("%28");
        break;
      case ')':
        out.append("%29");
        break;
      case '<':
        out.append("%3C");
        break;
      case '>':
        out.append("%3E");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

bool IsDropped(const GumboNode* node, const SkipPredicate& skip) {
  const GumboTag tag = Tag(node);
  return HtmlTagPolicy(tag) == TagPolicy::kDrop || IsNonContentTag(tag) || IsHidden(node) ||
         (skip && skip(node));
}

// The text of a subtree as written (for code): text nodes joined, <br> as a newline.
std::string RawText(const GumboNode* root, const SkipPredicate& skip) {
  std::string out;
  Walk(root, [&](const GumboNode* node) {
    if (IsText(node)) {
      out.append(node->v.text.text);
      return WalkAction::kContinue;
    }
    if (!IsElement(node)) return WalkAction::kSkipChildren;
    if (node != root && IsDropped(node, skip)) return WalkAction::kSkipChildren;
    if (Tag(node) == GUMBO_TAG_BR) out.push_back('\n');
    return WalkAction::kContinue;
  });
  std::string clean;
  clean.reserve(out.size());
  for (char c : out) {
    if (c != '\r') clean.push_back(c);
  }
  return clean;
}

class MarkdownWriter {
 public:
  // `inline_only`: block structure becomes spaces (for table cells).
  MarkdownWriter(const SkipPredicate& skip, std::string_view base_url, bool inline_only = false)
      : skip_(skip), base_url_(base_url), inline_only_(inline_only) {}

  void Reserve(size_t bytes) { out_.reserve(bytes); }

  void Render(const GumboNode* root) {
    Walk(
        root, [this](const GumboNode* node) { return Enter(node); },
        [this](const GumboNode* node) { Leave(node); });
    FlushParagraph();
  }

  std::string Finish() && {
    FlushParagraph();
    return std::move(out_);
  }

  // The inline text (inline_only mode), on one line.
  std::string TakeInline() && {
    std::string text(TrimSpace(inline_));
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
  }

 private:
  struct Container {
    bool quote;          // a blockquote ("> "); else a list item
    std::string marker;  // "- ", "1. " for an item
    bool marker_used = false;
  };
  struct List {
    bool ordered;
    int64_t next;
  };
  // An inline element being rendered: its output starts at `start` in inline_.
  struct Span {
    const GumboNode* node;
    size_t start;
    const char* open;   // "*", "**", "~~", "["
    const char* close;  // "*", "**", "~~", "](" (then the link's URL and ")")
    std::string url;    // links only
  };

  WalkAction Enter(const GumboNode* node) {
    if (IsText(node)) {
      AppendText(node->v.text.text);
      return WalkAction::kContinue;
    }
    if (!IsElement(node)) return WalkAction::kSkipChildren;
    if (IsDropped(node, skip_)) {
      skipped_ = node;
      return WalkAction::kSkipChildren;
    }
    const GumboTag tag = Tag(node);
    switch (tag) {
      case GUMBO_TAG_BR:
        if (inline_only_) {
          pending_space_ = !inline_.empty();
        } else {
          inline_.push_back('\n');
          pending_space_ = false;
        }
        return WalkAction::kContinue;
      case GUMBO_TAG_IMG:
        AppendImage(node);
        return WalkAction::kContinue;
      case GUMBO_TAG_CODE:
      case GUMBO_TAG_KBD:
      case GUMBO_TAG_SAMP:
        // (<pre> is written whole by WriteCodeBlock: this is inline code.)
        AppendCode(RawText(node, skip_));
        return WalkAction::kSkipChildren;
      case GUMBO_TAG_EM:
      case GUMBO_TAG_I:
      case GUMBO_TAG_CITE:
      case GUMBO_TAG_DFN:
        spans_.push_back({node, inline_.size(), "*", "*", {}});
        return WalkAction::kContinue;
      case GUMBO_TAG_STRONG:
      case GUMBO_TAG_B:
        spans_.push_back({node, inline_.size(), "**", "**", {}});
        return WalkAction::kContinue;
      case GUMBO_TAG_DEL:
      case GUMBO_TAG_S:
      case GUMBO_TAG_STRIKE:
        spans_.push_back({node, inline_.size(), "~~", "~~", {}});
        return WalkAction::kContinue;
      case GUMBO_TAG_A:
        if (auto href = SafeUrl(Attribute(node, "href"), base_url_, UrlUse::kLink)) {
          spans_.push_back({node, inline_.size(), "[", "](", LinkDestination(*href)});
        }
        return WalkAction::kContinue;
      default:
        break;
    }
    if (inline_only_) {
      if (IsBlockTag(tag)) pending_space_ = !inline_.empty();
      return WalkAction::kContinue;
    }
    if (tag == GUMBO_TAG_PRE) {
      FlushParagraph();
      WriteCodeBlock(node);
      return WalkAction::kSkipChildren;
    }
    if (tag == GUMBO_TAG_TABLE && WriteTable(node)) return WalkAction::kSkipChildren;
    if (!IsBlockTag(tag) && HeadingLevel(tag) == 0) return WalkAction::kContinue;
    FlushParagraph();
    switch (tag) {
      case GUMBO_TAG_BLOCKQUOTE:
        containers_.push_back({true, "", false});
        break;
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL: {
        int64_t start = 1;
        if (tag == GUMBO_TAG_OL) {
          const std::string_view value = TrimSpace(Attribute(node, "start"));
          if (!value.empty() && value.size() < 9 &&
              std::all_of(value.begin(), value.end(), [](char c) { return IsAsciiDigit(c); })) {
            start = std::stoll(std::string(value));
          }
        }
        lists_.push_back({tag == GUMBO_TAG_OL, start});
        break;
      }
      case GUMBO_TAG_LI: {
        std::string marker = "- ";
        if (!lists_.empty() && lists_.back().ordered) {
          marker = std::to_string(lists_.back().next++) + ". ";
        }
        containers_.push_back({false, std::move(marker), false});
        break;
      }
      case GUMBO_TAG_HR:
        WriteBlock({"---"});
        break;
      default:
        if (const int level = HeadingLevel(tag)) heading_level_ = level;
        break;
    }
    return WalkAction::kContinue;
  }

  void Leave(const GumboNode* node) {
    if (node == skipped_) {
      skipped_ = nullptr;
      return;
    }
    if (!spans_.empty() && spans_.back().node == node) {
      CloseSpan();
      return;
    }
    const GumboTag tag = Tag(node);
    if (tag == GUMBO_TAG_BR) return;  // a line break, not the end of a block
    if (inline_only_) {
      if (IsBlockTag(tag)) pending_space_ = !inline_.empty();
      return;
    }
    if (!IsBlockTag(tag) && HeadingLevel(tag) == 0) return;
    FlushParagraph();
    switch (tag) {
      case GUMBO_TAG_BLOCKQUOTE:
      case GUMBO_TAG_LI:
        if (!containers_.empty()) containers_.pop_back();
        break;
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
        if (!lists_.empty()) lists_.pop_back();
        break;
      default:
        break;
    }
  }

  void EmitPendingSpace() {
    if (pending_space_ && !inline_.empty() && inline_.back() != '\n') inline_.push_back(' ');
    pending_space_ = false;
  }

  // One pass over the text: stretches of ordinary bytes are copied whole, whitespace runs
  // (ASCII or Unicode) become one pending space, Markdown characters are escaped.
  void AppendText(std::string_view text) {
    enum : uint8_t { kPlain, kSpace, kMaybeSpace, kEscape };
    static constexpr auto kClass = [] {
      std::array<uint8_t, 256> table{};
      for (unsigned char c : {'\t', '\n', '\v', '\f', '\r', ' '}) table[c] = kSpace;
      // Lead bytes of NBSP, U+1680, U+2000-U+207F, U+3000, U+FEFF (text_render.h).
      for (unsigned char c : {0xC2, 0xE1, 0xE2, 0xE3, 0xEF}) table[c] = kMaybeSpace;
      for (unsigned char c : {'\\', '*', '_', '`', '[', ']', '<', '~', '|', '&'}) {
        table[c] = kEscape;
      }
      return table;
    }();
    const size_t n = text.size();
    size_t pos = 0;
    while (pos < n) {
      size_t end = pos;
      while (end < n && kClass[static_cast<unsigned char>(text[end])] == kPlain) ++end;
      if (end > pos) {
        EmitPendingSpace();
        inline_.append(text.data() + pos, end - pos);
        pos = end;
        continue;
      }
      const char c = text[pos];
      switch (kClass[static_cast<unsigned char>(c)]) {
        case kSpace:
          pending_space_ = !inline_.empty();
          ++pos;
          break;
        case kEscape:
          EmitPendingSpace();
          // '&' only when it would start an entity ("&name;", "&#9;").
          if (c != '&' || (pos + 1 < n && (IsAsciiAlpha(text[pos + 1]) || text[pos + 1] == '#'))) {
            inline_.push_back('\\');
          }
          inline_.push_back(c);
          ++pos;
          break;
        default: {  // kMaybeSpace
          size_t next = pos;
          const char32_t cp = DecodeUtf8(text, &next);
          if (IsUnicodeSpace(cp)) {
            pending_space_ = !inline_.empty();
          } else if (!IsZeroWidth(cp)) {
            EmitPendingSpace();
            inline_.append(text.data() + pos, next - pos);
          }
          pos = next;
          break;
        }
      }
    }
  }

  void AppendCode(const std::string& raw) {
    std::string code = CollapseWhitespace(raw);
    if (code.empty()) return;
    EmitPendingSpace();
    const std::string fence(LongestRun(code, '`') + 1, '`');
    const bool pad = code.front() == '`' || code.back() == '`';
    inline_ += fence;
    if (pad) inline_.push_back(' ');
    inline_ += code;
    if (pad) inline_.push_back(' ');
    inline_ += fence;
  }

  void AppendImage(const GumboNode* img) {
    const std::optional<std::string> src = SafeUrl(ImageSource(img), base_url_, UrlUse::kImage);
    if (!src) return;
    EmitPendingSpace();
    inline_ += "![";
    AppendEscaped(CollapseWhitespace(Attribute(img, "alt")), &inline_);
    inline_ += "](" + LinkDestination(*src) + ")";
  }

  // Wraps what a span's element rendered in its delimiters, with the whitespace at its edges
  // moved outside (so "<em> x </em>" gives " *x* ", which Markdown reads as emphasis).
  void CloseSpan() {
    const Span span = std::move(spans_.back());
    spans_.pop_back();
    const std::string content = inline_.substr(span.start);
    inline_.resize(span.start);
    const bool lead = !content.empty() && content.front() == ' ';
    std::string_view trimmed = content;
    while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\n')) {
      trimmed.remove_prefix(1);
    }
    bool trail = false;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\n')) {
      trimmed.remove_suffix(1);
      trail = true;
    }
    if (trimmed.empty()) {
      pending_space_ = pending_space_ || lead || trail;
      return;
    }
    if (lead) inline_.push_back(' ');
    inline_ += span.open;
    if (!span.url.empty()) {
      std::string text(trimmed);
      std::replace(text.begin(), text.end(), '\n', ' ');  // no hard breaks in link text
      inline_ += text;
      inline_ += span.close;
      inline_ += span.url;
      inline_ += ')';
    } else {
      inline_ += trimmed;
      inline_ += span.close;
    }
    pending_space_ = pending_space_ || trail;
  }

  void FlushParagraph() {
    if (inline_only_) return;
    while (!spans_.empty()) spans_.pop_back();  // a block boundary inside an inline element
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= inline_.size()) {
      size_t end = inline_.find('\n', start);
      if (end == std::string::npos) end = inline_.size();
      const std::string_view line = TrimSpace(std::string_view(inline_).substr(start, end - start));
      if (!line.empty()) lines.push_back(EscapeLineStart(line));
      start = end + 1;
    }
    inline_.clear();
    pending_space_ = false;
    const int level = heading_level_;
    heading_level_ = 0;
    if (lines.empty()) return;
    if (level > 0) {
      std::string heading(static_cast<size_t>(level), '#');
      heading.push_back(' ');
      for (size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) heading.push_back(' ');
        heading += lines[i];
      }
      WriteBlock({heading});
      return;
    }
    for (size_t i = 0; i + 1 < lines.size(); ++i) lines[i].push_back('\\');  // hard breaks
    WriteBlock(lines);
  }

  void WriteCodeBlock(const GumboNode* pre) {
    std::string code = RawText(pre, skip_);
    while (!code.empty() && code.back() == '\n') code.pop_back();
    while (!code.empty() && code.front() == '\n') code.erase(code.begin());
    if (TrimSpace(code).empty()) return;
    const std::string fence(std::max<size_t>(3, LongestRun(code, '`') + 1), '`');
    std::vector<std::string> lines = {fence + CodeLanguage(pre)};
    size_t start = 0;
    while (start <= code.size()) {
      size_t end = code.find('\n', start);
      if (end == std::string::npos) end = code.size();
      lines.emplace_back(code.substr(start, end - start));
      start = end + 1;
    }
    lines.push_back(fence);
    WriteBlock(lines);
  }

  // Renders a table of inline cells as a pipe table; false (nothing written) when the table
  // holds block structure (lists, code, nested tables) or is too big.
  bool WriteTable(const GumboNode* table) {
    std::vector<std::vector<const GumboNode*>> rows;
    size_t cells = 0;
    bool simple = true;
    Walk(table, [&](const GumboNode* node) {
      if (!IsElement(node)) return WalkAction::kSkipChildren;
      if (node != table && IsDropped(node, skip_)) return WalkAction::kSkipChildren;
      switch (Tag(node)) {
        case GUMBO_TAG_TABLE:
          if (node == table) return WalkAction::kContinue;
          simple = false;
          return WalkAction::kStop;
        case GUMBO_TAG_TR:
          rows.emplace_back();
          return WalkAction::kContinue;
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
          if (rows.empty()) rows.emplace_back();
          rows.back().push_back(node);
          ++cells;
          return WalkAction::kContinue;
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_BLOCKQUOTE:
          simple = false;
          return WalkAction::kStop;
        default:
          return cells > kMaxTableCells ? WalkAction::kStop : WalkAction::kContinue;
      }
    });
    std::erase_if(rows, [](const auto& row) { return row.empty(); });
    if (!simple || rows.empty() || cells > kMaxTableCells) return false;
    size_t columns = 0;
    for (const auto& row : rows) columns = std::max(columns, row.size());
    std::vector<std::string> lines;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::string line = "|";
      for (size_t c = 0; c < columns; ++c) {
        std::string cell;
        if (c < rows[r].size()) {
          MarkdownWriter writer(skip_, base_url_, /*inline_only=*/true);
          writer.Render(rows[r][c]);
          cell = std::move(writer).TakeInline();
        }
        line += " " + cell + " |";
      }
      lines.push_back(std::move(line));
      if (r == 0) {
        std::string rule = "|";
        for (size_t c = 0; c < columns; ++c) rule += " --- |";
        lines.push_back(std::move(rule));
      }
    }
    FlushParagraph();
    WriteBlock(lines);
    return true;
  }

  // Writes one block's lines with the prefixes of the open blockquotes and list items, after
  // a blank line (or a single newline between the items of a list).
  void WriteBlock(const std::vector<std::string>& lines) {
    bool has_item = false;
    bool marker_pending = false;
    for (const Container& c : containers_) {
      if (!c.quote) has_item = true;
      if (!c.quote && !c.marker_used) marker_pending = true;
    }
    if (!out_.empty()) {
      if (!(marker_pending && last_block_in_list_)) {
        out_ += Prefix(/*first_line=*/false, /*blank=*/true);
        out_.push_back('\n');
      }
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      out_ += Prefix(i == 0, lines[i].empty());
      out_ += lines[i];
      out_.push_back('\n');
    }
    for (Container& c : containers_) c.marker_used = true;
    last_block_in_list_ = has_item;
  }

  std::string Prefix(bool first_line, bool blank) const {
    std::string prefix;
    for (const Container& c : containers_) {
      if (c.quote) {
        prefix += "> ";
      } else if (first_line && !c.marker_used) {
        prefix += c.marker;
      } else {
        prefix.append(c.marker.size(), ' ');
      }
    }
    if (blank) {
      while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
    }
    return prefix;
  }

  const SkipPredicate& skip_;
  std::string_view base_url_;
  const bool inline_only_;
  std::string out_;
  std::string inline_;  // the paragraph being built; '\n' marks a hard break
  bool pending_space_ = false;
  int heading_level_ = 0;
  bool last_block_in_list_ = false;
  std::vector<Container> containers_;
  std::vector<List> lists_;
  std::vector<Span> spans_;
  const GumboNode* skipped_ = nullptr;
};

}  // namespace

std::string RenderMarkdown(const std::vector<const GumboNode*>& roots, const SkipPredicate& skip,
                           std::string_view base_url, size_t expected_bytes) {
  MarkdownWriter writer(skip, base_url);
  writer.Reserve(expected_bytes + expected_bytes / 4);
  for (const GumboNode* root : roots) writer.Render(root);
  return std::move(writer).Finish();
}

}  // namespace strata::parser
