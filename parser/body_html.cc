#include "parser/body_html.h"

#include <array>
#include <cstdint>

#include "parser/dom.h"
#include "parser/sanitize.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

bool IsVoidTag(GumboTag tag) {
  return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR || tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_WBR;
}

// Elements worth keeping even with nothing inside (table cells keep a table's shape).
bool KeepWhenEmpty(GumboTag tag) {
  return IsVoidTag(tag) || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
}

bool IsDigits(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

class HtmlWriter {
 public:
  HtmlWriter(const SkipPredicate& skip, std::string_view base_url)
      : skip_(skip), base_url_(base_url) {}

  void Reserve(size_t bytes) { out_.reserve(bytes); }

  void Render(const GumboNode* root) {
    Walk(
        root, [this](const GumboNode* node) { return Enter(node); },
        [this](const GumboNode* node) { Leave(node); });
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
  }

  std::string Finish() && { return std::move(out_); }

 private:
  struct Open {
    const GumboNode* node;
    size_t tag_start;  // where the start tag begins in out_
    bool emitted;      // false for unwrapped elements
    bool has_content;  // text or a kept element inside
  };

  WalkAction Enter(const GumboNode* node) {
    if (IsText(node)) {
      AppendText(node->v.text.text);
      return WalkAction::kContinue;
    }
    if (!IsElement(node)) return WalkAction::kSkipChildren;  // comments
    const GumboTag tag = Tag(node);
    const TagPolicy policy = HtmlTagPolicy(tag);
    if (policy == TagPolicy::kDrop || IsNonContentTag(tag) || IsHidden(node) ||
        (skip_ && skip_(node))) {
      skipped_ = node;  // Walk calls Leave() for it right away
      return WalkAction::kSkipChildren;
    }
    if (tag == GUMBO_TAG_PRE) ++pre_depth_;
    Open open{node, out_.size(), false, false};
    if (policy == TagPolicy::kKeep) open.emitted = StartTag(node, tag);
    stack_.push_back(open);
    return WalkAction::kContinue;
  }

  void Leave(const GumboNode* node) {
    if (node == skipped_) {
      skipped_ = nullptr;
      return;
    }
    if (stack_.empty() || stack_.back().node != node) return;
    const Open open = stack_.back();
    stack_.pop_back();
    const GumboTag tag = Tag(node);
    if (tag == GUMBO_TAG_PRE && pre_depth_ > 0) --pre_depth_;
    if (!open.emitted) {
      if (open.has_content) MarkContent();
      return;
    }
    if (IsVoidTag(tag)) {
      if (tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR) out_.push_back('\n');
      if (tag == GUMBO_TAG_IMG) MarkContent();
      return;
    }
    // Drop elements left empty by the cleaning (wrappers of removed share bars...).
    if (!open.has_content && !KeepWhenEmpty(tag)) {
      out_.resize(open.tag_start);
      return;
    }
    MarkContent();
    out_.append("</");
    out_.append(gumbo_normalized_tagname(tag));
    out_.push_back('>');
    if (IsBlockTag(tag)) out_.push_back('\n');
  }

  void MarkContent() {
    if (!stack_.empty()) stack_.back().has_content = true;
  }

  // Writes the start tag of a kept element; false when the element is unwrapped after all (a
  // link without a safe URL) or left out (an image without one).
  bool StartTag(const GumboNode* node, GumboTag tag) {
    std::optional<std::string> url;  // href or src, checked before anything is written
    if (tag == GUMBO_TAG_A) {
      url = SafeUrl(Attribute(node, "href"), base_url_, UrlUse::kLink);
      if (!url) return false;
    } else if (tag == GUMBO_TAG_IMG) {
      url = SafeUrl(ImageSource(node), base_url_, UrlUse::kImage);
      if (!url) return false;
    }
    if (IsBlockTag(tag) && !out_.empty() && out_.back() != '\n') out_.push_back('\n');
    out_.push_back('<');
    out_.append(gumbo_normalized_tagname(tag));
    std::string* out = &out_;
    switch (tag) {
      case GUMBO_TAG_A:
        AddAttribute("href", *url, out);
        AddPlainAttribute(node, "title", out);
        break;
      case GUMBO_TAG_IMG:
        AddAttribute("src", *url, out);
        AddPlainAttribute(node, "alt", out);
        AddPlainAttribute(node, "title", out);
        for (const char* name : {"width", "height"}) {
          const std::string_view value = TrimSpace(Attribute(node, name));
          if (IsDigits(value)) AddAttribute(name, value, out);
        }
        break;
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        for (const char* name : {"colspan", "rowspan"}) {
          const std::string_view value = TrimSpace(Attribute(node, name));
          if (IsDigits(value)) AddAttribute(name, value, out);
        }
        break;
      case GUMBO_TAG_OL:
        if (IsDigits(TrimSpace(Attribute(node, "start")))) {
          AddAttribute("start", TrimSpace(Attribute(node, "start")), out);
        }
        break;
      case GUMBO_TAG_BLOCKQUOTE:
      case GUMBO_TAG_Q:
      case GUMBO_TAG_DEL:
      case GUMBO_TAG_INS:
        if (auto cite = SafeUrl(Attribute(node, "cite"), base_url_, UrlUse::kLink)) {
          AddAttribute("cite", *cite, out);
        }
        break;
      case GUMBO_TAG_ABBR:
      case GUMBO_TAG_DFN:
        AddPlainAttribute(node, "title", out);
        break;
      case GUMBO_TAG_TIME:
        AddPlainAttribute(node, "datetime", out);
        break;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_CODE: {
        const std::string lang = CodeLanguage(node);
        if (!lang.empty()) AddAttribute("class", "language-" + lang, out);
        break;
      }
      default:
        break;
    }
    const std::string_view dir = TrimSpace(Attribute(node, "dir"));
    if (EqualsIgnoreCase(dir, "rtl") || EqualsIgnoreCase(dir, "ltr")) {
      AddAttribute("dir", AsciiLowercase(dir), out);
    }
    out_.push_back('>');
    return true;
  }

  static void AddAttribute(const char* name, std::string_view value, std::string* out) {
    out->push_back(' ');
    out->append(name);
    out->append("=\"");
    AppendEscapedAttribute(value, out);
    out->push_back('"');
  }

  static void AddPlainAttribute(const GumboNode* node, const char* name, std::string* out) {
    const std::optional<std::string_view> value = FindAttribute(node, name);
    if (!value || value->size() > 1000) return;
    AddAttribute(name, CollapseWhitespace(*value), out);
  }

  // Text outside <pre> has its whitespace runs collapsed (one newline if the run had one).
  // One pass: runs of ordinary bytes and single spaces are appended whole.
  void AppendText(std::string_view text) {
    if (pre_depth_ > 0) {
      AppendEscapedText(text, &out_);
      if (!text.empty()) MarkContent();
      return;
    }
    enum : uint8_t { kPlain, kSpace, kEscape };
    static constexpr auto kClass = [] {
      std::array<uint8_t, 256> table{};
      for (unsigned char c : {'\t', '\n', '\v', '\f', '\r', ' '}) table[c] = kSpace;
      for (unsigned char c : {'&', '<', '>'}) table[c] = kEscape;
      return table;
    }();
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
      // A run goes on through single spaces between words: they come out as they are.
      size_t run = i;
      while (run < n) {
        if (kClass[static_cast<unsigned char>(text[run])] == kPlain) {
          ++run;
        } else if (text[run] == ' ' && run > i && run + 1 < n &&
                   kClass[static_cast<unsigned char>(text[run + 1])] == kPlain) {
          run += 2;
        } else {
          break;
        }
      }
      if (run > i) {
        out_.append(text.data() + i, run - i);
        MarkContent();
        i = run;
        continue;
      }
      const char c = text[i];
      if (kClass[static_cast<unsigned char>(c)] == kEscape) {
        out_.append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
        MarkContent();
        ++i;
        continue;
      }
      bool newline = false;
      while (i < n && IsAsciiSpace(text[i])) newline |= text[i++] == '\n';
      if (out_.empty() || out_.back() == '\n') continue;
      out_.push_back(newline ? '\n' : ' ');
    }
  }

  const SkipPredicate& skip_;
  std::string_view base_url_;
  std::string out_;
  std::vector<Open> stack_;
  const GumboNode* skipped_ = nullptr;
  int pre_depth_ = 0;
};

}  // namespace

std::string RenderBodyHtml(const std::vector<const GumboNode*>& roots, const SkipPredicate& skip,
                           std::string_view base_url, size_t expected_bytes) {
  HtmlWriter writer(skip, base_url);
  writer.Reserve(expected_bytes + expected_bytes / 2);
  for (const GumboNode* root : roots) writer.Render(root);
  return std::move(writer).Finish();
}

}  // namespace strata::parser
