#include "parser/api_body.h"

#include <md4c-html.h>

#include <string>

#include "parser/prosemirror.h"
#include "parser/sanitize.h"

namespace strata::parser {
namespace {

void AppendOutput(const MD_CHAR* text, MD_SIZE size, void* userdata) {
  static_cast<std::string*>(userdata)->append(text, size);
}

// Plain text: each non-empty line a paragraph.
std::string TextToHtml(std::string_view text) {
  std::string html;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      html += "<p>";
      AppendEscapedText(line, &html);
      html += "</p>\n";
    }
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return html;
}

}  // namespace

std::string MarkdownToHtml(std::string_view markdown) {
  std::string html;
  html.reserve(markdown.size() + markdown.size() / 4);
  // md4c fails only on out-of-memory; then what was rendered so far is kept.
  (void)md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), AppendOutput, &html,
                MD_DIALECT_GITHUB, 0);
  return html;
}

Result<RenderedBody> RenderApiBody(config::BodyFormat format, const nlohmann::json& value,
                                   std::string_view base_url) {
  if (format == config::BodyFormat::kProseMirror) {
    ProseMirrorOptions options;
    options.base_url = base_url;
    return RenderProseMirror(value, options);
  }
  if (!value.is_string()) {
    return Status::InvalidArgument(std::string("a ") + std::string(config::BodyFormatName(format)) +
                                   " body must be a string, got " + value.type_name());
  }
  const std::string& text = value.get_ref<const std::string&>();
  switch (format) {
    case config::BodyFormat::kHtml:
      return RenderHtmlFragment(text, base_url);
    case config::BodyFormat::kMarkdown:
      return RenderHtmlFragment(MarkdownToHtml(text), base_url);
    case config::BodyFormat::kText:
    case config::BodyFormat::kProseMirror:
      break;
  }
  return RenderHtmlFragment(TextToHtml(text), base_url);
}

}  // namespace strata::parser
