// HtmlDocument: the RAII owner of one Gumbo parse (GumboOutput*), the only place the parser
// calls gumbo_parse / gumbo_destroy_output.
//
// Parse once per page: Gumbo is the slowest stage of the pipeline (~28 MB/s per core here).
// Before parsing, the nesting guard caps element depth (see nesting_guard.h), which keeps
// Gumbo's time linear and its recursive destructor shallow on hostile input, and long runs of
// plain text are parked (see parked_text.h), which halves Gumbo's time on article pages; the
// tree is the one Gumbo builds from the page as it is.
//
// Thread-safety: a document is immutable after Parse() and may be read from several threads;
// distinct documents are independent.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>

#include "parser/gumbo_arena.h"
#include "parser/nesting_guard.h"

namespace strata::parser {

class HtmlDocument {
 public:
  // Parses UTF-8 HTML. Never fails: Gumbo recovers from any input, including empty input.
  // REQUIRES: `utf8_html` outlives the document (Gumbo's source positions point into it).
  static HtmlDocument Parse(std::string_view utf8_html,
                            int max_nesting_depth = kDefaultMaxNestingDepth);

  HtmlDocument(HtmlDocument&&) noexcept = default;
  HtmlDocument& operator=(HtmlDocument&&) noexcept = default;

  // Bytes Gumbo asked for while parsing this document (for tests and benchmarks).
  size_t parser_bytes() const { return arena_->bytes_allocated(); }

  const GumboNode* document() const { return output_->document; }
  const GumboNode* root() const { return output_->root; }  // <html>, always present
  const GumboNode* head() const { return head_; }          // never null after Parse
  const GumboNode* body() const { return body_; }          // null for a frameset page
  size_t dropped_tags() const { return dropped_tags_; }    // by the nesting guard
  // Text runs parked while Gumbo parsed (parked_text.h); 0 when the page was parsed as it is.
  size_t parked_runs() const { return parked_runs_; }

 private:
  HtmlDocument() = default;

  // Holds the guarded copy of the input when the nesting guard had to drop tags; Gumbo's
  // source positions point into it.
  std::unique_ptr<std::string> guarded_html_;
  // The page Gumbo parsed when text runs were parked: element names point into it.
  std::unique_ptr<std::string> parked_html_;
  // All of Gumbo's memory for this document (gumbo_arena.h): the output lives in it and dies
  // with it, so there is no gumbo_destroy_output.
  std::unique_ptr<GumboArena> arena_;
  const GumboOutput* output_ = nullptr;
  const GumboNode* head_ = nullptr;
  const GumboNode* body_ = nullptr;
  size_t dropped_tags_ = 0;
  size_t parked_runs_ = 0;
};

}  // namespace strata::parser
