// Renders the visible text of DOM subtrees as clean lines: one block element (paragraph, list
// item, heading, table row...) per line, whitespace inside a line collapsed to single spaces,
// <br> as a line break, <pre> kept verbatim line by line, lines trimmed, no empty lines. This
// is the shape of Article::body, and what line-based searches (dates, bylines, counters) read.
//
// Thread-safety: a TextRenderer is a single-use builder for one thread.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace strata::parser {

// Returns true for subtrees to leave out, in addition to invisible and non-content elements.
using SkipPredicate = std::function<bool(const GumboNode*)>;

class TextRenderer {
 public:
  // `max_line_bytes` > 0: lines longer than this are left out of the output whole (the
  // renderer stops copying a line's text once it is over), for callers that only want short
  // lines and would drop the rest.
  explicit TextRenderer(SkipPredicate skip = nullptr, size_t max_line_bytes = 0)
      : skip_(std::move(skip)), max_line_bytes_(max_line_bytes) {}

  // Appends the text of `root` (one subtree; several calls append in order, each starting on a
  // new line).
  void Render(const GumboNode* root);

  // Sizes the output buffer for about `bytes` of text (an optimisation only).
  void Reserve(size_t bytes) { out_.reserve(bytes); }

  // The text so far; the renderer may not be used afterwards.
  std::string Finish() &&;

 private:
  void AppendText(std::string_view text);
  void AppendPreformatted(std::string_view text);
  void BreakLine();

  SkipPredicate skip_;
  const size_t max_line_bytes_;  // 0: no limit
  bool line_overlong_ = false;   // the current line is over max_line_bytes_: it is dropped
  std::string out_;
  size_t line_start_ = 0;               // where the current line begins in out_
  bool pending_space_ = false;          // a space is owed before the next visible character
  int pre_depth_ = 0;                   // inside <pre>/<listing>/<xmp>/<plaintext>
  const GumboNode* skipped_ = nullptr;  // the element whose subtree was just left out
};

// The length of the run that starts at text[pos] and renders unchanged: visible characters
// and single ASCII spaces between two of them. It ends before any other whitespace (ASCII or
// Unicode: NBSP, U+1680, U+2000-U+200A, U+3000...) and before zero-width characters (U+200B,
// U+FEFF...). Lets renderers copy text in runs instead of decoding each character.
// `max_bytes`: scan about this far at most (the run may end up to 4 bytes past it, the rest of
// the character or the word after a space it reached).
size_t CopyableRunLength(std::string_view text, size_t pos, size_t max_bytes = SIZE_MAX);

// Convenience: renders one subtree.
std::string RenderText(const GumboNode* root, const SkipPredicate& skip = nullptr,
                       size_t max_line_bytes = 0);

}  // namespace strata::parser
