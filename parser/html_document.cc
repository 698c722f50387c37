#include "parser/html_document.h"

#include "parser/nesting_guard.h"
#include "parser/parked_text.h"

namespace strata::parser {
namespace {

// Gumbo asks for 6-9 bytes per byte of input on article pages (the benchmark site and the AEB
// dev set; 12 at most): the first arena chunk is sized so most pages need at most two.
constexpr size_t kExpectedBytesPerInputByte = 8;

GumboOptions ParseOptions(GumboArena* arena) {
  GumboOptions options = kGumboDefaultOptions;
  // Parse errors are of no use to extraction; recording them costs time and memory on the
  // malformed pages that have thousands.
  options.max_errors = 0;
  options.allocator = &GumboArena::GumboAllocate;
  options.deallocator = &GumboArena::GumboDeallocate;
  options.userdata = arena;
  return options;
}

}  // namespace

HtmlDocument HtmlDocument::Parse(std::string_view utf8_html, int max_nesting_depth) {
  HtmlDocument doc;
  auto guarded = std::make_unique<std::string>();
  const NestingGuardResult capped = CapNestingDepth(utf8_html, max_nesting_depth, guarded.get());
  doc.dropped_tags_ = capped.dropped_tags;
  if (capped.dropped_tags > 0) doc.guarded_html_ = std::move(guarded);
  const std::string_view html = capped.html;
  doc.arena_ = std::make_unique<GumboArena>(html.size() * kExpectedBytesPerInputByte);
  const GumboOptions options = ParseOptions(doc.arena_.get());
  // Long text runs wait outside while Gumbo parses (parked_text.h); when they cannot all be
  // put back where they were, the page is parsed again as it is.
  auto parked_storage = std::make_unique<std::string>();
  const ParkedText parked = ParkTextRuns(html, parked_storage.get());
  GumboOutput* output = gumbo_parse_with_options(
      &options, parked.html.empty() ? "" : parked.html.data(), parked.html.size());
  doc.parked_runs_ = parked.runs.size();
  if (!RestoreParkedText(parked, output, doc.arena_.get())) {
    doc.parked_runs_ = 0;
    output = gumbo_parse_with_options(&options, html.empty() ? "" : html.data(), html.size());
  } else if (!parked.runs.empty()) {
    doc.parked_html_ = std::move(parked_storage);  // tag names point into it
  }
  doc.output_ = output;
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
