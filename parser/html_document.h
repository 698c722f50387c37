// HtmlDocument: the RAII owner of one Gumbo parse (GumboOutput*), the only place the parser
// calls gumbo_parse / gumbo_destroy_output.
//
// Parse once per page: Gumbo is the slowest stage of the pipeline (~28 MB/s per core here).
// Before parsing, the nesting guard caps element depth (see nesting_guard.h), which keeps
// Gumbo's time linear and its recursive destructor shallow on hostile input.
//
// Thread-safety: a document is immutable after Parse() and may be read from several threads;
// distinct documents are independent.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>

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

  const GumboNode* document() const { return output_->document; }
  const GumboNode* root() const { return output_->root; }  // <html>, always present
  const GumboNode* head() const { return head_; }          // never null after Parse
  const GumboNode* body() const { return body_; }          // null for a frameset page
  size_t dropped_tags() const { return dropped_tags_; }    // by the nesting guard

 private:
  struct OutputDeleter {
    void operator()(GumboOutput* output) const;
  };
  HtmlDocument() = default;

  // Holds the guarded copy of the input when the nesting guard had to drop tags; Gumbo's
  // source positions point into it. Declared before output_ so it is destroyed after it.
  std::unique_ptr<std::string> guarded_html_;
  std::unique_ptr<GumboOutput, OutputDeleter> output_;
  const GumboNode* head_ = nullptr;
  const GumboNode* body_ = nullptr;
  size_t dropped_tags_ = 0;
};

}  // namespace strata::parser
