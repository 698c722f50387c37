// Renders the visible text of DOM subtrees as clean lines: one block element (paragraph, list
// item, heading, table row...) per line, whitespace inside a line collapsed to single spaces,
// <br> as a line break, <pre> kept verbatim line by line, lines trimmed, no empty lines. This
// is the shape of Article::body, and what line-based searches (dates, bylines, counters) read.
//
// Thread-safety: a TextRenderer is a single-use builder for one thread.
#pragma once

#include <gumbo.h>

#include <functional>
#include <string>
#include <string_view>

namespace strata::parser {

// Returns true for subtrees to leave out, in addition to invisible and non-content elements.
using SkipPredicate = std::function<bool(const GumboNode*)>;

class TextRenderer {
 public:
  explicit TextRenderer(SkipPredicate skip = nullptr) : skip_(std::move(skip)) {}

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
  std::string out_;
  size_t line_start_ = 0;               // where the current line begins in out_
  bool pending_space_ = false;          // a space is owed before the next visible character
  int pre_depth_ = 0;                   // inside <pre>/<listing>/<xmp>/<plaintext>
  const GumboNode* skipped_ = nullptr;  // the element whose subtree was just left out
};

// The length of the run of visible characters that starts at text[pos]: bytes up to the next
// ASCII space or the next Unicode space / zero-width character (NBSP, U+1680, U+2000-U+207F,
// U+3000, U+FEFF). Lets renderers copy text in runs instead of decoding each character.
size_t VisibleRunLength(std::string_view text, size_t pos);

// Convenience: renders one subtree.
std::string RenderText(const GumboNode* root, const SkipPredicate& skip = nullptr);

}  // namespace strata::parser
