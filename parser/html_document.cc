#include "parser/html_document.h"

#include "parser/nesting_guard.h"

namespace strata::parser {
namespace {

GumboOptions ParseOptions() {
  GumboOptions options = kGumboDefaultOptions;
  // Parse errors are of no use to extraction; recording them costs time and memory on the
  // malformed pages that have thousands.
  options.max_errors = 0;
  return options;
}

const GumboOptions& Options() {
  static const GumboOptions options = ParseOptions();
  return options;
}

}  // namespace

void HtmlDocument::OutputDeleter::operator()(GumboOutput* output) const {
  gumbo_destroy_output(&Options(), output);
}

HtmlDocument HtmlDocument::Parse(std::string_view utf8_html, int max_nesting_depth) {
  HtmlDocument doc;
  auto guarded = std::make_unique<std::string>();
  const NestingGuardResult capped = CapNestingDepth(utf8_html, max_nesting_depth, guarded.get());
  doc.dropped_tags_ = capped.dropped_tags;
  if (capped.dropped_tags > 0) doc.guarded_html_ = std::move(guarded);
  const std::string_view html = capped.html;
  doc.output_.reset(
      gumbo_parse_with_options(&Options(), html.empty() ? "" : html.data(), html.size()));
  // The tree always has <html> with <head> and then <body> or <frameset> (HTML standard).
  const GumboVector& children = doc.output_->root->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    if (child->v.element.tag == GUMBO_TAG_HEAD && doc.head_ == nullptr) doc.head_ = child;
    if (child->v.element.tag == GUMBO_TAG_BODY && doc.body_ == nullptr) doc.body_ = child;
  }
  if (doc.head_ == nullptr) doc.head_ = doc.output_->root;
  return doc;
}

}  // namespace strata::parser
