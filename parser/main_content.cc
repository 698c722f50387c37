#include "parser/main_content.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "parser/content_hints.h"
#include "parser/counters.h"
#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Below this many bytes of inline text a block is not a paragraph (a label, a menu item).
constexpr int64_t kMinParagraphBytes = 25;
// An article shorter than this (in bytes, ~80 CJK characters) after filtering means the filter
// probably removed the article: try again without it.
constexpr size_t kMinArticleBytes = 250;

struct ElementStats {
  int64_t text = 0;         // non-space bytes of visible text
  int64_t link = 0;         // of which inside <a>
  int64_t inline_text = 0;  // text not inside a nested block element
  int64_t commas = 0;       // commas in inline_text: a sign of prose
};

int64_t NonSpaceBytes(std::string_view text) {
  int64_t n = 0;
  for (char c : text) n += IsAsciiSpace(c) ? 0 : 1;
  return n;
}

int64_t CountCommas(std::string_view text) {
  int64_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      ++n;
    } else if (text.substr(i, 3) == "，" || text.substr(i, 3) == "、") {
      ++n;
      i += 2;
    }
  }
  return n;
}

// Tags whose paragraph credit goes to their parent (they are the paragraph, not a container).
bool IsParagraphTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_ADDRESS:
      return true;
    default:
      return false;
  }
}

double TagBonus(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ARTICLE:
      return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

bool IsStructuralBoilerplateTag(GumboTag tag) {
  return tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER;
}

// Scores one document with or without the unlikely-candidate filter.
class Scorer {
 public:
  Scorer(const GumboNode* body, bool filter) : body_(body), filter_(filter) { Measure(); }

  // True when the measuring walk left `node` out (and so must the rendering).
  bool Excluded(const GumboNode* node) const {
    return filter_ && node != body_ &&
           (IsUnlikelyCandidate(node) || IsStructuralBoilerplateTag(Tag(node)));
  }

  const ElementStats* Stats(const GumboNode* node) const {
    const auto it = stats_.find(node);
    return it == stats_.end() ? nullptr : &it->second;
  }

  double LinkDensity(const GumboNode* node) const {
    const ElementStats* s = Stats(node);
    if (s == nullptr || s->text == 0) return 0;
    return static_cast<double>(s->link) / static_cast<double>(s->text);
  }

  // The final score of a candidate (nullopt when `node` is not one).
  std::optional<double> FinalScore(const GumboNode* node) const {
    const auto it = scores_.find(node);
    if (it == scores_.end() || Stats(node) == nullptr) return std::nullopt;
    return it->second * (1 - LinkDensity(node));
  }

  // The best candidate, or null when no paragraph was found.
  const GumboNode* Best(double* best_score) const {
    const GumboNode* best = nullptr;
    *best_score = 0;
    // Iterate in a deterministic order: the map's order is not.
    for (const GumboNode* node : candidate_order_) {
      const std::optional<double> score = FinalScore(node);
      if (score && (best == nullptr || *score > *best_score)) {
        best = node;
        *best_score = *score;
      }
    }
    return best;
  }

 private:
  void Measure() {
    std::vector<ElementStats> open;  // accumulators of the open elements, innermost last
    int link_depth = 0;
    const GumboNode* skipped = nullptr;
    Walk(
        body_,
        [&](const GumboNode* node) {
          if (IsText(node)) {
            if (open.empty()) return WalkAction::kContinue;
            const std::string_view text = node->v.text.text;
            const int64_t bytes = NonSpaceBytes(text);
            ElementStats& acc = open.back();
            acc.text += bytes;
            acc.inline_text += bytes;
            acc.commas += CountCommas(text);
            if (link_depth > 0) acc.link += bytes;
            return WalkAction::kContinue;
          }
          if (!IsElement(node)) return WalkAction::kSkipChildren;
          if (node != body_ && (IsNonContentTag(Tag(node)) || IsHidden(node) || Excluded(node))) {
            skipped = node;
            return WalkAction::kSkipChildren;
          }
          open.emplace_back();
          if (Tag(node) == GUMBO_TAG_A) ++link_depth;
          return WalkAction::kContinue;
        },
        [&](const GumboNode* node) {
          if (node == skipped) {
            skipped = nullptr;
            return;
          }
          const ElementStats s = open.back();
          open.pop_back();
          const GumboTag tag = Tag(node);
          if (tag == GUMBO_TAG_A) --link_depth;
          const bool block = IsBlockTag(tag);
          if (!open.empty()) {
            ElementStats& parent = open.back();
            parent.text += s.text;
            parent.link += s.link;
            if (!block) {
              parent.inline_text += s.inline_text;
              parent.commas += s.commas;
            }
          }
          // The <h1> is the title, not prose: crediting it lets the title's box outscore the
          // article on pages whose paragraphs carry many links.
          if (block && tag != GUMBO_TAG_H1 && s.inline_text >= kMinParagraphBytes) {
            const double points = 1 + static_cast<double>(s.commas) +
                                  std::min(static_cast<double>(s.inline_text) / 100.0, 3.0);
            const GumboNode* host = IsParagraphTag(tag) ? node->parent : node;
            Credit(host, points);
            if (host != nullptr) Credit(host->parent, points / 2);
            if (host != nullptr && host->parent != nullptr)
              Credit(host->parent->parent, points / 6);
          }
          stats_.emplace(node, s);
        });
  }

  void Credit(const GumboNode* host, double points) {
    if (!IsElement(host) || Tag(host) == GUMBO_TAG_HTML) return;
    auto [it, inserted] = scores_.emplace(host, 0.0);
    if (inserted) {
      it->second = TagBonus(Tag(host)) + ClassWeight(host);
      candidate_order_.push_back(host);
    }
    it->second += points;
  }

  const GumboNode* body_;
  bool filter_;
  std::unordered_map<const GumboNode*, ElementStats> stats_;
  std::unordered_map<const GumboNode*, double> scores_;
  std::vector<const GumboNode*> candidate_order_;
};

bool HasSentenceEnd(const GumboNode* node) {
  const std::string text = InlineText(node);
  return text.find(". ") != std::string::npos || text.ends_with(".") ||
         text.find("。") != std::string::npos;
}

// The best candidate and the siblings that belong with it, in document order.
std::vector<const GumboNode*> SelectRoots(const Scorer& scorer, const GumboNode* body) {
  double top_score = 0;
  const GumboNode* top = scorer.Best(&top_score);
  if (top == nullptr) return {body};
  const GumboNode* parent = top->parent;
  if (top == body || !IsElement(parent)) return {top};
  const double threshold = std::max(10.0, top_score * 0.2);
  const std::string_view top_class = Attribute(top, "class");
  std::vector<const GumboNode*> roots;
  for (const GumboNode* sibling : Children(parent)) {
    if (!IsElement(sibling)) continue;
    if (sibling == top) {
      roots.push_back(sibling);
      continue;
    }
    const ElementStats* stats = scorer.Stats(sibling);
    if (stats == nullptr || stats->text == 0) continue;
    const double bonus =
        !top_class.empty() && Attribute(sibling, "class") == top_class ? top_score * 0.2 : 0;
    const std::optional<double> score = scorer.FinalScore(sibling);
    if (score && *score + bonus >= threshold) {
      roots.push_back(sibling);
      continue;
    }
    if (Tag(sibling) == GUMBO_TAG_P) {
      const double density = scorer.LinkDensity(sibling);
      if ((stats->text > 80 && density < 0.25) ||
          (stats->text <= 80 && density == 0 && HasSentenceEnd(sibling))) {
        roots.push_back(sibling);
      }
    }
  }
  return roots;
}

// What to leave out inside the chosen roots.
SkipPredicate MakeSkip(std::shared_ptr<const Scorer> scorer, std::vector<const GumboNode*> roots) {
  int64_t total = 0;
  for (const GumboNode* root : roots) {
    if (const ElementStats* s = scorer->Stats(root)) total += s->text;
  }
  std::unordered_set<const GumboNode*> root_set(roots.begin(), roots.end());
  return
      [scorer = std::move(scorer), root_set = std::move(root_set), total](const GumboNode* node) {
        if (root_set.count(node) > 0) return false;
        if (scorer->Excluded(node)) return true;
        const GumboTag tag = Tag(node);
        if (tag == GUMBO_TAG_H1) return true;  // the title, a field of its own
        const ElementStats* s = scorer->Stats(node);
        // Never remove what holds most of the article: a wrapper with a misleading class.
        if (s != nullptr && s->text * 2 > total) return false;
        // A form inside the article is a comment box or a search: only a page-wrapping one (held
        // off by the check above) is not.
        if (IsBoilerplate(node) || tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FORM) return true;
        if (s == nullptr || s->text == 0) return false;
        // Counters inside the body ("Post Views: 1,234", "阅读数：4"): observations, not content.
        if (s->text < 80 && IsCounterWidget(node)) return true;
        if (s->text < 40 && IsBlockTag(tag)) {
          const std::string text = InlineText(node);
          const bool has_digit = std::any_of(text.begin(), text.end(), IsAsciiDigit);
          if (has_digit && !FindCountersInText(text).empty()) return true;
        }
        const double density = static_cast<double>(s->link) / static_cast<double>(s->text);
        switch (tag) {
          case GUMBO_TAG_DIV:
          case GUMBO_TAG_SECTION:
          case GUMBO_TAG_UL:
          case GUMBO_TAG_OL:
          case GUMBO_TAG_DL:
          case GUMBO_TAG_TABLE:
            return density > 0.5;  // a list of links: related posts, tag clouds, menus
          case GUMBO_TAG_P:
            return density > 0.9 && s->text < 300;  // "Read more: <a>...</a>"
          default:
            return false;
        }
      };
}

MainContent Run(const GumboNode* body, bool filter) {
  auto scorer = std::make_shared<const Scorer>(body, filter);
  MainContent content;
  content.roots = SelectRoots(*scorer, body);
  content.skip = MakeSkip(scorer, content.roots);
  TextRenderer renderer(content.skip);
  for (const GumboNode* root : content.roots) renderer.Render(root);
  content.text = std::move(renderer).Finish();
  return content;
}

}  // namespace

MainContent FindMainContent(const HtmlDocument& doc) {
  const GumboNode* body = doc.body();
  if (body == nullptr) return {};
  MainContent filtered = Run(body, /*filter=*/true);
  if (filtered.text.size() >= kMinArticleBytes) return filtered;
  MainContent unfiltered = Run(body, /*filter=*/false);
  return unfiltered.text.size() > filtered.text.size() ? std::move(unfiltered)
                                                       : std::move(filtered);
}

}  // namespace strata::parser
