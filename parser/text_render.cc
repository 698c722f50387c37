#include "parser/text_render.h"

#include <array>

#include "parser/dom.h"
#include "parser/text_util.h"
#include "parser/utf8.h"

namespace strata::parser {
namespace {

bool IsPreformattedTag(GumboTag tag) {
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP ||
         tag == GUMBO_TAG_PLAINTEXT;
}

bool IsCellTag(GumboTag tag) { return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH; }

// Bytes that may start whitespace or a zero-width character: ASCII whitespace and the lead
// bytes of U+00A0, U+1680, U+2000-U+207F, U+3000 and U+FEFF.
constexpr auto kMayStop = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {'\t', '\n', '\v', '\f', '\r', ' '}) table[c] = true;
  for (unsigned char c : {0xC2, 0xE1, 0xE2, 0xE3, 0xEF}) table[c] = true;
  return table;
}();

// True when text[i] starts one of the sequences a lead byte in kMayStop announces.
bool StartsSpecial(std::string_view text, size_t i) {
  const auto at = [&text](size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  switch (at(i)) {
    case 0xC2:
      return at(i + 1) == 0xA0;  // U+00A0
    case 0xE1:
      return at(i + 1) == 0x9A && at(i + 2) == 0x80;  // U+1680
    case 0xE2:
      return at(i + 1) == 0x80 || at(i + 1) == 0x81;  // U+2000-U+207F
    case 0xE3:
      return at(i + 1) == 0x80 && at(i + 2) == 0x80;  // U+3000
    case 0xEF:
      return at(i + 1) == 0xBB && at(i + 2) == 0xBF;  // U+FEFF
    default:
      return false;
  }
}

// At a byte in kMayStop of 0x80 or more: the bytes of the visible character there, or 0 for a
// Unicode space or a zero-width character.
size_t SpecialVisibleLength(std::string_view text, size_t i) {
  if (!StartsSpecial(text, i)) return 1;  // a lead byte of something else
  size_t next = i;
  const char32_t cp = DecodeUtf8(text, &next);  // an em dash, a curly quote: visible
  return IsUnicodeSpace(cp) || IsZeroWidth(cp) ? 0 : next - i;
}

}  // namespace

size_t CopyableRunLength(std::string_view text, size_t pos, size_t max_bytes) {
  const size_t n = max_bytes < text.size() - pos ? pos + max_bytes : text.size();
  size_t i = pos;
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (!kMayStop[b]) {  // the common case: a byte of a visible character
      ++i;
      continue;
    }
    if (b == ' ') {
      // One ASCII space between two visible characters renders as itself.
      if (i == pos || i + 1 == n) break;
      const unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (!kMayStop[next]) {
        i += 2;
        continue;
      }
      if (next < 0x80) break;
      const size_t visible = SpecialVisibleLength(text, i + 1);
      if (visible == 0) break;
      i += 1 + visible;
      continue;
    }
    if (b < 0x80) break;  // a tab or line break
    const size_t visible = SpecialVisibleLength(text, i);
    if (visible == 0) break;
    i += visible;
  }
  return i - pos;
}

void TextRenderer::Render(const GumboNode* root) {
  BreakLine();
  Walk(
      root,
      [this](const GumboNode* node) {
        if (IsText(node)) {
          if (pre_depth_ > 0) {
            AppendPreformatted(node->v.text.text);
          } else {
            AppendText(node->v.text.text);
          }
          return WalkAction::kContinue;
        }
        if (!IsElement(node)) return WalkAction::kSkipChildren;  // comments
        const GumboTag tag = Tag(node);
        if (IsNonContentTag(tag) || IsHidden(node) || (skip_ && skip_(node))) {
          skipped_ = node;  // Walk calls leave() for it right away
          return WalkAction::kSkipChildren;
        }
        if (IsBlockTag(tag)) BreakLine();
        if (IsCellTag(tag) && out_.size() > line_start_) pending_space_ = true;
        if (IsPreformattedTag(tag)) ++pre_depth_;
        return WalkAction::kContinue;
      },
      [this](const GumboNode* node) {
        if (node == skipped_) {
          skipped_ = nullptr;
          return;
        }
        const GumboTag tag = Tag(node);
        if (IsPreformattedTag(tag) && pre_depth_ > 0) --pre_depth_;
        if (IsBlockTag(tag)) BreakLine();
        if (IsCellTag(tag) && out_.size() > line_start_) pending_space_ = true;
      });
  BreakLine();
}

void TextRenderer::AppendText(std::string_view text) {
  if (line_overlong_) return;
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    // Most text is words with single spaces between them, which render unchanged: append
    // such runs whole (a text node is often one run). Only whitespace runs, other spaces and
    // zero-width characters take the character-by-character path below.
    // With a line limit, a run is scanned no further than the limit: a longer one makes the
    // line too long whatever follows (a Chinese paragraph is one run).
    const size_t limit = max_line_bytes_ > 0 ? max_line_bytes_ + 1 : SIZE_MAX;
    const size_t run = CopyableRunLength(text, pos, limit);
    if (run >= limit) {
      out_.resize(line_start_);
      line_overlong_ = true;
      return;
    }
    if (run > 0) {
      if (pending_space_) out_.push_back(' ');
      pending_space_ = false;
      out_.append(text.data() + pos, run);
      pos += run;
      // The line ends in a visible character here, so trimming cannot bring it back under.
      if (max_line_bytes_ > 0 && out_.size() - line_start_ > max_line_bytes_) {
        out_.resize(line_start_);
        line_overlong_ = true;
        return;
      }
      continue;
    }
    const char c = text[pos];
    if (static_cast<unsigned char>(c) < 0x80) {  // an ASCII space
      ++pos;
      pending_space_ = out_.size() > line_start_;
      continue;
    }
    const char32_t cp = DecodeUtf8(text, &pos);  // a Unicode space or a zero-width character
    if (!IsZeroWidth(cp)) pending_space_ = out_.size() > line_start_;
  }
}

void TextRenderer::AppendPreformatted(std::string_view text) {
  // Preformatted lines are not cut short here (trailing blanks could still bring one under
  // the limit), only those already over are skipped to their end.
  if (pending_space_ && !line_overlong_) out_.push_back(' ');
  pending_space_ = false;
  for (char c : text) {
    if (c == '\n') {
      BreakLine();
    } else if (c != '\r' && !line_overlong_) {
      out_.push_back(c);
    }
  }
}

void TextRenderer::BreakLine() {
  line_overlong_ = false;  // its text is gone already; the next line starts afresh
  // Trim the line's trailing whitespace; keep it only when something visible remains.
  size_t end = out_.size();
  while (end > line_start_ && (out_[end - 1] == ' ' || out_[end - 1] == '\t')) --end;
  out_.resize(end);
  pending_space_ = false;
  if (end == line_start_) return;  // empty line: nothing to end
  out_.push_back('\n');
  line_start_ = out_.size();
}

std::string TextRenderer::Finish() && {
  BreakLine();
  if (!out_.empty() && out_.back() == '\n') out_.pop_back();
  return std::move(out_);
}

std::string RenderText(const GumboNode* root, const SkipPredicate& skip, size_t max_line_bytes) {
  TextRenderer renderer(skip, max_line_bytes);
  renderer.Render(root);
  return std::move(renderer).Finish();
}

}  // namespace strata::parser
