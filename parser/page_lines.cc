#include "parser/page_lines.h"

#include <string_view>

#include "parser/content_hints.h"
#include "parser/dom.h"
#include "parser/text_render.h"

namespace strata::parser {

std::vector<std::string> MetadataLines(const HtmlDocument& doc, size_t max_lines) {
  std::vector<std::string> lines;
  if (doc.body() == nullptr) return lines;
  // Comments, sidebars and menus show other posts' dates, authors and counters. Only blocks
  // are left out: an inline <span id="post_comment_count"> is a counter, not a comment.
  // Longer lines are left out as they are rendered: most of an article's text is in them.
  const std::string text = RenderText(
      doc.body(), [](const GumboNode* node) { return IsOffContentBlock(node); },
      kMaxMetadataLineBytes);
  size_t start = 0;
  while (start < text.size() && lines.size() < max_lines) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start <= kMaxMetadataLineBytes) lines.emplace_back(text, start, end - start);
    start = end + 1;
  }
  return lines;
}

}  // namespace strata::parser
