#include "parser/prosemirror.h"

#include <algorithm>
#include <string>

#include "parser/sanitize.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

using Json = nlohmann::json;

// "code_block", "codeBlock", "code-block" -> "codeblock".
std::string TypeKey(const Json& node) {
  if (!node.is_object()) return "";
  auto it = node.find("type");
  if (it == node.end() || !it->is_string()) return "";
  std::string key;
  for (char c : it->get_ref<const std::string&>()) {
    if (c == '_' || c == '-') continue;
    key.push_back(AsciiLower(c));
  }
  return key;
}

const Json* Member(const Json& node, const char* name) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(name);
  return it == node.end() ? nullptr : &*it;
}

// attrs.<name> as text (a string, or a number written in decimal); "" when absent.
std::string Attr(const Json& node, const char* name) {
  const Json* attrs = Member(node, "attrs");
  const Json* value = attrs == nullptr ? nullptr : Member(*attrs, name);
  if (value == nullptr) return "";
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return std::to_string(value->get<int64_t>());
  if (value->is_number_unsigned()) return std::to_string(value->get<uint64_t>());
  return "";
}

std::optional<int64_t> IntAttr(const Json& node, const char* name) {
  const std::string text = Attr(node, name);
  if (text.empty() || text.size() > 9) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsAsciiDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The children of a node ("content"), or an empty array.
const Json& Content(const Json& node) {
  static const Json kEmpty = Json::array();
  const Json* content = Member(node, "content");
  return content != nullptr && content->is_array() ? *content : kEmpty;
}

bool IsInlineType(std::string_view type) {
  return type == "text" || type == "hardbreak" || type == "br" || type == "image" ||
         type == "mention" || type == "emoji" || type == "inlinecode";
}

// A code block's language as sanitize.h would keep it from a class: letters, digits, "+#-_.".
std::string CleanLanguage(std::string_view language) {
  std::string out;
  for (char c : language) {
    if (IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '#' || c == '-' || c == '_' ||
        c == '.') {
      out.push_back(AsciiLower(c));
    }
  }
  return out.size() > 32 ? "" : out;
}

enum class MarkTag { kNone, kStrong, kEm, kCode, kDel, kLink };

MarkTag MarkTagOf(std::string_view type) {
  if (type == "bold" || type == "strong" || type == "b") return MarkTag::kStrong;
  if (type == "italic" || type == "em" || type == "i") return MarkTag::kEm;
  if (type == "code" || type == "inlinecode") return MarkTag::kCode;
  if (type == "strike" || type == "strikethrough" || type == "s" || type == "del") {
    return MarkTag::kDel;
  }
  if (type == "link") return MarkTag::kLink;
  return MarkTag::kNone;
}

class HtmlWriter {
 public:
  explicit HtmlWriter(const ProseMirrorOptions& options) : options_(options) {}

  void Blocks(const Json& nodes, int depth) {
    for (const Json& node : nodes) Block(node, depth);
  }

  // A node where a block is expected.
  void Block(const Json& node, int depth) {
    if (depth > options_.max_depth || !node.is_object()) return;
    const std::string type = TypeKey(node);
    const Json& content = Content(node);
    if (type == "doc") {
      Blocks(content, depth + 1);
    } else if (type == "paragraph") {
      Wrapped("p", content, depth);
    } else if (type == "heading") {
      const int level =
          static_cast<int>(std::clamp<int64_t>(IntAttr(node, "level").value_or(2), 1, 6));
      Wrapped("h" + std::to_string(level), content, depth);
    } else if (type == "blockquote") {
      out_ += "<blockquote>";
      Blocks(content, depth + 1);
      out_ += "</blockquote>\n";
    } else if (type == "bulletlist" || type == "bulletedlist" || type == "unorderedlist") {
      List("ul", "", content, depth);
    } else if (type == "orderedlist" || type == "numberedlist") {
      const int64_t start = IntAttr(node, "start").value_or(IntAttr(node, "order").value_or(1));
      List("ol", start != 1 ? std::to_string(start) : "", content, depth);
    } else if (type == "listitem") {
      ListItemContent(content, depth + 1);
    } else if (type == "codeblock" || type == "code") {
      CodeBlock(node, depth);
    } else if (type == "horizontalrule" || type == "hr") {
      out_ += "<hr>\n";
    } else if (type == "image") {
      out_ += "<p>";
      Image(node);
      out_ += "</p>\n";
    } else if (type == "table") {
      Table(content, depth);
    } else if (type == "hardbreak" || type == "br") {
      // Between blocks a line break says nothing.
    } else if (IsInlineType(type)) {
      out_ += "<p>";
      Inline(node, depth);
      out_ += "</p>\n";
    } else {
      Unknown(node, depth);
    }
  }

  std::string Finish() && { return std::move(out_); }

 private:
  // An unknown node keeps its text: its children (as blocks, or as one paragraph when they are
  // inline), else a "text" member.
  void Unknown(const Json& node, int depth) {
    const Json& content = Content(node);
    if (!content.empty()) {
      if (IsInlineType(TypeKey(content.front()))) {
        Wrapped("p", content, depth);
      } else {
        Blocks(content, depth + 1);
      }
      return;
    }
    const Json* text = Member(node, "text");
    if (text != nullptr && text->is_string()) {
      out_ += "<p>";
      AppendEscapedText(text->get_ref<const std::string&>(), &out_);
      out_ += "</p>\n";
    }
  }

  void Wrapped(const std::string& tag, const Json& inlines, int depth) {
    if (inlines.empty()) return;  // an empty paragraph is no block
    out_ += "<" + tag + ">";
    Inlines(inlines, depth + 1);
    out_ += "</" + tag + ">\n";
  }

  void List(const char* tag, const std::string& start, const Json& items, int depth) {
    out_ += "<";
    out_ += tag;
    if (!start.empty()) out_ += " start=\"" + start + "\"";
    out_ += ">\n";
    for (const Json& item : items) {
      if (depth + 1 > options_.max_depth) break;
      out_ += "<li>";
      if (TypeKey(item) == "listitem") {
        ListItemContent(Content(item), depth + 2);
      } else if (IsInlineType(TypeKey(item))) {
        Inline(item, depth + 1);
      } else {
        Block(item, depth + 1);
      }
      out_ += "</li>\n";
    }
    out_ += "</";
    out_ += tag;
    out_ += ">\n";
  }

  // A list item's children: its first paragraph stays inline (a tight list), the rest are
  // blocks (nested lists, code).
  void ListItemContent(const Json& children, int depth) {
    bool first = true;
    for (const Json& child : children) {
      const std::string type = TypeKey(child);
      if (first && type == "paragraph") {
        Inlines(Content(child), depth + 1);
      } else if (IsInlineType(type)) {
        Inline(child, depth);
      } else {
        Block(child, depth);
      }
      first = false;
    }
  }

  void CodeBlock(const Json& node, int depth) {
    std::string language = Attr(node, "language");
    if (language.empty()) language = Attr(node, "lang");
    if (language.empty()) language = Attr(node, "params");
    language = CleanLanguage(language);
    out_ += "<pre><code";
    if (!language.empty()) out_ += " class=\"language-" + language + "\"";
    out_ += ">";
    std::string code;
    PlainText(node, depth, &code);
    AppendEscapedText(code, &out_);
    out_ += "</code></pre>\n";
  }

  // Every text below `node`, hard breaks as newlines (code keeps its line structure).
  void PlainText(const Json& node, int depth, std::string* out) const {
    if (depth > options_.max_depth || !node.is_object()) return;
    const std::string type = TypeKey(node);
    if (type == "hardbreak" || type == "br") {
      out->push_back('\n');
      return;
    }
    const Json* text = Member(node, "text");
    if (text != nullptr && text->is_string()) *out += text->get_ref<const std::string&>();
    const Json& content = Content(node);
    for (size_t i = 0; i < content.size(); ++i) {
      // Paragraphs inside a code block (some editors nest them) are lines.
      if (i > 0 && !IsInlineType(TypeKey(content[i]))) out->push_back('\n');
      PlainText(content[i], depth + 1, out);
    }
  }

  void Table(const Json& rows, int depth) {
    out_ += "<table><tbody>\n";
    for (const Json& row : rows) {
      if (depth + 1 > options_.max_depth) break;
      out_ += "<tr>";
      for (const Json& cell : Content(row)) {
        if (depth + 2 > options_.max_depth) break;
        const char* tag = TypeKey(cell) == "tableheader" ? "th" : "td";
        out_ += "<";
        out_ += tag;
        out_ += ">";
        CellContent(Content(cell), depth + 3);
        out_ += "</";
        out_ += tag;
        out_ += ">";
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody></table>\n";
  }

  // A cell's paragraphs as inline text with line breaks between them, so that simple tables
  // stay tables in Markdown.
  void CellContent(const Json& children, int depth) {
    bool first = true;
    for (const Json& child : children) {
      if (!first) out_ += "<br>";
      first = false;
      const std::string type = TypeKey(child);
      if (IsInlineType(type)) {
        Inline(child, depth);
      } else if (type == "paragraph" || type == "heading") {
        Inlines(Content(child), depth + 1);
      } else {
        Block(child, depth);
      }
    }
  }

  void Inlines(const Json& nodes, int depth) {
    for (const Json& node : nodes) Inline(node, depth);
  }

  // A node where inline content is expected.
  void Inline(const Json& node, int depth) {
    if (depth > options_.max_depth || !node.is_object()) return;
    const std::string type = TypeKey(node);
    if (type == "text") {
      const Json* text = Member(node, "text");
      if (text != nullptr && text->is_string()) Text(node, text->get_ref<const std::string&>());
    } else if (type == "hardbreak" || type == "br") {
      out_ += "<br>";
    } else if (type == "image") {
      Image(node);
    } else {
      // Mentions, emoji, unknown inline nodes and blocks where they do not belong: their text.
      const Json* text = Member(node, "text");
      std::string label = text != nullptr && text->is_string() ? text->get<std::string>() : "";
      if (label.empty()) label = Attr(node, "text");
      if (label.empty()) label = Attr(node, "label");
      if (!label.empty()) AppendEscapedText(label, &out_);
      Inlines(Content(node), depth + 1);
    }
  }

  void Text(const Json& node, const std::string& text) {
    std::vector<std::string> closers;
    if (const Json* marks = Member(node, "marks"); marks != nullptr && marks->is_array()) {
      for (const Json& mark : *marks) {
        switch (MarkTagOf(TypeKey(mark))) {
          case MarkTag::kStrong:
            Open("strong", &closers);
            break;
          case MarkTag::kEm:
            Open("em", &closers);
            break;
          case MarkTag::kCode:
            Open("code", &closers);
            break;
          case MarkTag::kDel:
            Open("del", &closers);
            break;
          case MarkTag::kLink: {
            std::optional<std::string> href =
                SafeUrl(Attr(mark, "href"), options_.base_url, UrlUse::kLink);
            if (!href) break;  // an unsafe or missing target: the text without the link
            out_ += "<a href=\"";
            AppendEscapedAttribute(*href, &out_);
            out_ += "\">";
            closers.push_back("</a>");
            break;
          }
          case MarkTag::kNone:
            break;
        }
      }
    }
    AppendEscapedText(text, &out_);
    for (auto it = closers.rbegin(); it != closers.rend(); ++it) out_ += *it;
  }

  void Open(const char* tag, std::vector<std::string>* closers) {
    out_ += "<";
    out_ += tag;
    out_ += ">";
    closers->push_back("</" + std::string(tag) + ">");
  }

  void Image(const Json& node) {
    std::optional<std::string> src = SafeUrl(Attr(node, "src"), options_.base_url, UrlUse::kImage);
    if (!src) return;
    out_ += "<img src=\"";
    AppendEscapedAttribute(*src, &out_);
    out_ += "\"";
    for (const char* name : {"alt", "title"}) {
      const std::string value = Attr(node, name);
      if (value.empty()) continue;
      out_ += " ";
      out_ += name;
      out_ += "=\"";
      AppendEscapedAttribute(value, &out_);
      out_ += "\"";
    }
    out_ += ">";
  }

  const ProseMirrorOptions& options_;
  std::string out_;
};

}  // namespace

Result<std::string> ProseMirrorToHtml(const Json& doc, const ProseMirrorOptions& options) {
  const Json* root = &doc;
  Json unwrapped;
  if (doc.is_string()) {
    // A document stored as a JSON string: parse it once more (never twice: a string inside a
    // string is not a document).
    unwrapped = Json::parse(doc.get_ref<const std::string&>(), nullptr, /*allow_exceptions=*/false);
    if (unwrapped.is_discarded()) {
      return Status::InvalidArgument("ProseMirror document: a string that is not JSON");
    }
    root = &unwrapped;
  }
  if (!root->is_array() &&
      !(root->is_object() && (root->contains("type") || root->contains("content")))) {
    return Status::InvalidArgument(std::string("ProseMirror document: expected a node (an object "
                                               "with \"type\") or an array of nodes, got ") +
                                   root->type_name());
  }
  try {
    HtmlWriter writer(options);
    if (root->is_array()) {
      writer.Blocks(*root, 1);
    } else if (TypeKey(*root).empty()) {
      writer.Blocks(Content(*root), 1);  // {"content": [...]} without a type: a document
    } else {
      writer.Block(*root, 1);
    }
    return std::move(writer).Finish();
  } catch (const std::exception& e) {
    // Every access checks its type first; this is a last line against an unforeseen case.
    return Status::InvalidArgument(std::string("ProseMirror document: ") + e.what());
  }
}

Result<RenderedBody> RenderProseMirror(const Json& doc, const ProseMirrorOptions& options) {
  STRATA_ASSIGN_OR_RETURN(std::string html, ProseMirrorToHtml(doc, options));
  return RenderHtmlFragment(html, options.base_url);
}

Result<RenderedBody> RenderProseMirror(std::string_view json, const ProseMirrorOptions& options) {
  const Json doc = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument("ProseMirror document: not JSON");
  return RenderProseMirror(doc, options);
}

}  // namespace strata::parser
