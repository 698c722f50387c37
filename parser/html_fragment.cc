#include "parser/html_fragment.h"

#include <vector>

#include "parser/body_html.h"
#include "parser/html_document.h"
#include "parser/markdown.h"
#include "parser/text_render.h"

namespace strata::parser {

RenderedBody RenderHtmlFragment(std::string_view html, std::string_view base_url) {
  RenderedBody out;
  const HtmlDocument doc = HtmlDocument::Parse(html);
  if (doc.body() == nullptr) return out;
  const std::vector<const GumboNode*> roots = {doc.body()};
  const SkipPredicate no_skip;
  out.text = RenderText(doc.body(), no_skip);
  out.html = RenderBodyHtml(roots, no_skip, base_url, out.text.size());
  out.markdown = RenderMarkdown(roots, no_skip, base_url, out.text.size());
  return out;
}

std::string RenderMarkdownOfHtml(std::string_view html, std::string_view base_url) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  if (doc.body() == nullptr) return "";
  const std::vector<const GumboNode*> roots = {doc.body()};
  return RenderMarkdown(roots, SkipPredicate(), base_url);
}

}  // namespace strata::parser
