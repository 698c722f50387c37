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

// True when text[i] starts one of the sequences VisibleRunLength stops at.
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

}  // namespace

size_t VisibleRunLength(std::string_view text, size_t pos) {
  // Bytes that may stop a run: ASCII whitespace and the lead bytes of the special sequences.
  static constexpr auto kMayStop = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : {'\t', '\n', '\v', '\f', '\r', ' '}) table[c] = true;
    for (unsigned char c : {0xC2, 0xE1, 0xE2, 0xE3, 0xEF}) table[c] = true;
    return table;
  }();
  size_t i = pos;
  while (i < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (kMayStop[b] && (b < 0x80 || StartsSpecial(text, i))) break;
    ++i;
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
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    // Most text is runs of visible characters: append each run whole. Only a few lead bytes
    // can start a Unicode space or zero-width character (VisibleRunLength).
    const size_t run = VisibleRunLength(text, pos);
    if (run > 0) {
      if (pending_space_) out_.push_back(' ');
      pending_space_ = false;
      out_.append(text.data() + pos, run);
      pos += run;
      continue;
    }
    const char c = text[pos];
    if (static_cast<unsigned char>(c) < 0x80) {  // an ASCII space
      ++pos;
      pending_space_ = out_.size() > line_start_;
      continue;
    }
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(text, &pos);
    if (IsZeroWidth(cp)) continue;
    if (IsUnicodeSpace(cp)) {
      pending_space_ = out_.size() > line_start_;
      continue;
    }
    if (pending_space_) out_.push_back(' ');
    pending_space_ = false;
    out_.append(text.data() + start, pos - start);
  }
}

void TextRenderer::AppendPreformatted(std::string_view text) {
  if (pending_space_) out_.push_back(' ');
  pending_space_ = false;
  for (char c : text) {
    if (c == '\n') {
      BreakLine();
    } else if (c != '\r') {
      out_.push_back(c);
    }
  }
}

void TextRenderer::BreakLine() {
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

std::string RenderText(const GumboNode* root, const SkipPredicate& skip) {
  TextRenderer renderer(skip);
  renderer.Render(root);
  return std::move(renderer).Finish();
}

}  // namespace strata::parser
