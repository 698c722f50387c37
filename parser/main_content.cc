#include "parser/main_content.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_set>

#include "parser/body_html.h"
#include "parser/content_hints.h"
#include "parser/counters.h"
#include "parser/dom.h"
#include "parser/main_content_tree.h"
#include "parser/markdown.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Below this many bytes of inline text a block is not a paragraph (a label, a menu item).
constexpr int64_t kMinParagraphBytes = 25;
// An article shorter than this (in bytes, ~80 CJK characters) after filtering means the filter
// probably removed the article: try again without it.
constexpr size_t kMinArticleBytes = 250;
// How many levels above the seed the selection looks for more of the article.
constexpr int kMaxClimb = 6;
// The prose (bytes) a part further up than the seed's siblings needs to join.
constexpr int64_t kMinJoinBytes = 150;

enum class SkipReason : uint8_t {
  kNone,
  kExcluded,       // class/id/role/tag say not content (step 1's filter)
  kScreenReader,   // visually hidden helper text
  kTitle,          // the <h1>: the title is a field of its own
  kBoilerplate,    // share bars, related posts, ads, newsletters, <nav>, <aside>, <footer>
  kHeader,         // <header> inside the article: title, byline, date
  kForm,           // a reply box or a search inside the article
  kGallery,        // slideshow, carousel
  kCaption,        // figure captions and photo credits
  kByline,         // byline, dateline, author box
  kCounter,        // "Post Views: 1,234", "阅读数：4"
  kLinkList,       // a block that is mostly links: related posts, tag clouds, menus
  kLinkParagraph,  // "Related: <a>...</a>", "Read more: <a>...</a>"
  kOrphanHeading,  // a heading whose section was all left out
  kAdLabel,        // "Advertisement" above an ad slot
};

const char* ReasonName(SkipReason reason) {
  switch (reason) {
    case SkipReason::kNone:
      return "kept";
    case SkipReason::kExcluded:
      return "excluded";
    case SkipReason::kScreenReader:
      return "screen-reader";
    case SkipReason::kTitle:
      return "title";
    case SkipReason::kBoilerplate:
      return "boilerplate";
    case SkipReason::kHeader:
      return "header";
    case SkipReason::kForm:
      return "form";
    case SkipReason::kGallery:
      return "gallery";
    case SkipReason::kCaption:
      return "caption";
    case SkipReason::kByline:
      return "byline";
    case SkipReason::kCounter:
      return "counter";
    case SkipReason::kLinkList:
      return "link-list";
    case SkipReason::kLinkParagraph:
      return "link-paragraph";
    case SkipReason::kOrphanHeading:
      return "orphan-heading";
    case SkipReason::kAdLabel:
      return "ad-label";
  }
  return "?";
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

bool IsSubheading(GumboTag tag) {
  return tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 ||
         tag == GUMBO_TAG_H6;
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

double Ratio(int64_t part, int64_t whole) {
  return whole <= 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// One run of the selection over a tree, with or without the class/id filter of step 1.
class Selection {
 public:
  Selection(const ContentTree& tree, bool filter) : t_(tree), filter_(filter) {
    if (t_.empty()) return;
    MarkExcluded();
    stats_ = MeasureSubtrees(t_, excluded_);
    Score();
    ChooseRoots();
    Prune();
  }

  // Only the pruning, inside roots chosen by other means (indices, in document order).
  Selection(const ContentTree& tree, std::vector<uint32_t> roots)
      : t_(tree), filter_(true), roots_(std::move(roots)) {
    if (t_.empty()) return;
    MarkExcluded();
    stats_ = MeasureSubtrees(t_, excluded_);
    Prune();
  }

  const std::vector<uint32_t>& roots() const { return roots_; }
  const std::vector<std::pair<uint32_t, SkipReason>>& skipped() const { return skipped_; }
  uint32_t seed() const { return seed_; }
  bool candidate(uint32_t i) const { return candidate_[i]; }
  double score(uint32_t i) const { return FinalScore(i); }
  int64_t text(uint32_t i) const { return stats_.text[i]; }
  int64_t link(uint32_t i) const { return stats_.link[i]; }

 private:
  void MarkExcluded() {
    const size_t n = t_.size();
    excluded_.assign(n, false);
    dead_.assign(n, false);
    for (uint32_t i = 0; i < n; ++i) {
      const ContentElement& e = t_[i];
      if (filter_ && i != 0 && !e.invisible &&
          (IsUnlikelyCandidate(e.tag, e.hints) || IsStructuralBoilerplateTag(e.tag))) {
        excluded_[i] = true;
      }
      dead_[i] = e.invisible || excluded_[i] || (e.parent != kNoElement && dead_[e.parent]);
    }
  }

  void Score() {
    const size_t n = t_.size();
    raw_.assign(n, 0.0);
    candidate_.assign(n, false);
    good_.assign(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      const ContentElement& e = t_[i];
      if (dead_[i] || !e.block || e.tag == GUMBO_TAG_H1) continue;
      const int64_t own = stats_.inline_text[i];
      if (own < kMinParagraphBytes) continue;
      const double link_share = Ratio(stats_.inline_link[i], own);
      // Clauses (commas) and length say prose; a paragraph made of links says navigation.
      const double points = (1 + static_cast<double>(stats_.inline_commas[i]) +
                             std::min(static_cast<double>(own) / 100.0, 3.0)) *
                            (1 - link_share);
      good_[i] = static_cast<int64_t>(static_cast<double>(own) * (1 - link_share));
      const uint32_t host = IsParagraphTag(e.tag) ? e.parent : i;
      Credit(host, points);
      if (host == kNoElement) continue;
      const uint32_t grand = t_[host].parent;
      Credit(grand, points / 2);
      if (grand != kNoElement) Credit(t_[grand].parent, points / 6);
    }
    // The strongest candidate inside each subtree.
    best_inner_.assign(n, -INFINITY);
    signed_.assign(n, false);
    for (size_t k = n; k-- > 0;) {
      const uint32_t i = static_cast<uint32_t>(k);
      if (dead_[i]) continue;
      if (candidate_[i]) best_inner_[i] = std::max(best_inner_[i], FinalScore(i));
      const uint32_t p = t_[i].parent;
      if (t_[i].hints & kHintUser) signed_[i] = true;
      if (p == kNoElement) continue;
      best_inner_[p] = std::max(best_inner_[p], best_inner_[i]);
      good_[p] += good_[i];
      if (signed_[i]) signed_[p] = true;
    }
  }

  void Credit(uint32_t host, double points) {
    if (host == kNoElement || t_[host].tag == GUMBO_TAG_HTML) return;
    if (!candidate_[host]) {
      candidate_[host] = true;
      raw_[host] = TagBonus(t_[host].tag) + ClassWeight(t_[host].hints);
    }
    raw_[host] += points;
  }

  double FinalScore(uint32_t i) const {
    if (!candidate_[i]) return -INFINITY;
    return raw_[i] * (1 - Ratio(stats_.link[i], stats_.text[i]));
  }

  // Iterates the element children of `parent`.
  template <typename F>
  void ForEachChild(uint32_t parent, F&& f) const {
    for (uint32_t c = parent + 1; c < t_[parent].end; c = t_[c].end) f(c);
  }

  bool IsProseParagraph(uint32_t i) const {
    if (t_[i].tag != GUMBO_TAG_P) return false;
    const int64_t text = stats_.text[i];
    const double density = Ratio(stats_.link[i], text);
    if (text > 80) return density < 0.25;
    if (density > 0) return false;
    const std::string inline_text = InlineText(t_[i].node);
    return inline_text.find(". ") != std::string::npos || inline_text.ends_with(".") ||
           inline_text.find("。") != std::string::npos;
  }

  // A figure, or an element that holds images and at most a caption's worth of text.
  bool IsPicture(uint32_t i) const {
    const ContentElement& e = t_[i];
    if (e.tag == GUMBO_TAG_IMG) return true;
    if (e.tag != GUMBO_TAG_FIGURE) return false;
    if (stats_.text[i] > 300) return false;
    for (uint32_t k = i; k < e.end; ++k) {
      if (t_[k].tag == GUMBO_TAG_IMG) return true;
    }
    return false;
  }

  uint32_t NextElementSibling(uint32_t i) const {
    const uint32_t next = t_[i].end;
    return next < t_.size() && t_[next].parent == t_[i].parent ? next : kNoElement;
  }

  // Parts that never join the article, however much text they hold: the page's or the
  // article's header (title, standfirst, byline), boilerplate, captions, bylines, galleries.
  bool IsFurniture(uint32_t i) const {
    const ContentElement& e = t_[i];
    return e.tag == GUMBO_TAG_HEADER || IsBoilerplate(e.tag, e.hints) ||
           (e.hints & (kHintCaption | kHintByline | kHintGallery)) != 0;
  }

  // A thread (a forum topic, a question with its answers): the seed and siblings of the same
  // tag and class, each naming its user. The article is the first post: returns it, after
  // taking the other posts out of `joined`; kNoElement when this is no thread.
  uint32_t KeepFirstPost(std::vector<uint32_t>* joined) const {
    const std::string_view seed_class = Attribute(t_[seed_].node, "class");
    if (seed_class.empty()) return kNoElement;
    std::vector<uint32_t> posts;
    for (uint32_t c : *joined) {
      if (t_[c].tag == t_[seed_].tag && Attribute(t_[c].node, "class") == seed_class) {
        posts.push_back(c);
      }
    }
    if (posts.size() < 2) return kNoElement;
    for (uint32_t post : posts) {
      if (!signed_[post]) return kNoElement;
    }
    std::erase_if(*joined, [&posts](uint32_t c) {
      return c != posts.front() && std::find(posts.begin(), posts.end(), c) != posts.end();
    });
    return posts.front();
  }

  void ChooseRoots() {
    seed_ = kNoElement;
    double top = -INFINITY;
    for (uint32_t i = 0; i < t_.size(); ++i) {
      if (candidate_[i] && !dead_[i] && FinalScore(i) > top) {
        top = FinalScore(i);
        seed_ = i;
      }
    }
    if (seed_ == kNoElement) {
      roots_ = {0};
      return;
    }
    std::vector<uint32_t> chosen = {seed_};
    const std::string_view seed_class = Attribute(t_[seed_].node, "class");
    int64_t good = good_[seed_];
    uint32_t r = seed_;
    for (int level = 1; level <= kMaxClimb && t_[r].parent != kNoElement; ++level) {
      const uint32_t p = t_[r].parent;
      // Further from the seed, a part must look more like the article to belong to it.
      const double threshold = std::max(10.0, top * (0.2 + 0.05 * (level - 1)));
      std::vector<uint32_t> joined;
      std::vector<uint32_t> headings;
      std::vector<uint32_t> pictures;  // level 1 only
      ForEachChild(p, [&](uint32_t c) {
        if (c == r) {
          joined.push_back(c);
          return;
        }
        if (dead_[c] || IsFurniture(c)) return;
        if (level == 1 && IsPicture(c)) {
          pictures.push_back(c);
          return;
        }
        if (stats_.text[c] == 0) return;
        if (IsSubheading(t_[c].tag)) {
          headings.push_back(c);
          return;
        }
        double bonus = 0;
        if (level == 1 && !seed_class.empty() && Attribute(t_[c].node, "class") == seed_class) {
          bonus = top * 0.2;
        }
        if (level == 1) {
          if (best_inner_[c] + bonus >= threshold || IsProseParagraph(c)) joined.push_back(c);
          return;
        }
        // Further up, a part joins for its prose, not for a class name that says "content".
        if (best_inner_[c] >= threshold && good_[c] >= std::max<int64_t>(kMinJoinBytes, good / 7) &&
            Ratio(stats_.link[c], stats_.text[c]) < 0.4) {
          joined.push_back(c);
        }
      });
      if (level == 1) {
        const uint32_t first_post = KeepFirstPost(&joined);
        if (first_post != kNoElement) {
          chosen = {first_post};
          good = good_[first_post];
          std::erase(joined, first_post);
        }
      }
      // Headings between two joined parts introduce the second.
      if (joined.size() > 1) {
        for (uint32_t h : headings) {
          if (h > joined.front() && h < joined.back()) chosen.push_back(h);
        }
      }
      // Pictures next to the article or between its parts (a lead image before the body)
      // belong to it; their captions are pruned like any other.
      for (uint32_t picture : pictures) {
        const bool leads = NextElementSibling(picture) == chosen.front();
        if (leads || (!joined.empty() && picture > joined.front() && picture < joined.back())) {
          chosen.push_back(picture);
        }
      }
      for (uint32_t c : joined) {
        if (c == r || c == chosen.front()) continue;
        chosen.push_back(c);
        good += good_[c];
      }
      r = p;
    }
    std::sort(chosen.begin(), chosen.end());
    roots_ = std::move(chosen);
  }

  SkipReason ReasonToSkip(uint32_t i, int64_t total) const {
    const ContentElement& e = t_[i];
    if (e.invisible) {
      // Renderers leave out non-content tags and hidden elements themselves.
      return (e.hints & (kHintScreenReader | kHintHiddenClass)) ? SkipReason::kScreenReader
                                                                : SkipReason::kNone;
    }
    if (excluded_[i]) return SkipReason::kExcluded;
    if (e.tag == GUMBO_TAG_H1) return SkipReason::kTitle;
    const int64_t text = stats_.text[i];
    // Never remove what holds most of the article: a wrapper with a misleading class.
    if (text * 2 > total) return SkipReason::kNone;
    if (IsBoilerplate(e.tag, e.hints)) return SkipReason::kBoilerplate;
    if (e.tag == GUMBO_TAG_HEADER) return SkipReason::kHeader;
    // A form inside the article is a comment box or a search: only a page-wrapping one (held
    // off by the check above) is not.
    if (e.tag == GUMBO_TAG_FORM) return SkipReason::kForm;
    if (e.hints & kHintGallery) return SkipReason::kGallery;
    if (e.tag == GUMBO_TAG_FIGCAPTION || ((e.hints & kHintCaption) && text < 600)) {
      return SkipReason::kCaption;
    }
    if ((e.hints & kHintByline) && text < 400) return SkipReason::kByline;
    if (text == 0) return SkipReason::kNone;
    // Counters inside the body ("Post Views: 1,234", "阅读数：4"): observations, not content.
    if (text < 80 && IsCounterWidget(e.node)) return SkipReason::kCounter;
    if (text < 40 && e.block) {
      const std::string inline_text = InlineText(e.node);
      if (IsAdLabelText(inline_text)) return SkipReason::kAdLabel;
      const bool has_digit = std::any_of(inline_text.begin(), inline_text.end(),
                                         [](char c) { return IsAsciiDigit(c); });
      if (has_digit && !FindCountersInText(inline_text).empty()) return SkipReason::kCounter;
    }
    const double density = Ratio(stats_.link[i], text);
    switch (e.tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_TABLE:
        return density > 0.5 ? SkipReason::kLinkList : SkipReason::kNone;
      case GUMBO_TAG_P:
        return density > 0.8 && text < 300 ? SkipReason::kLinkParagraph : SkipReason::kNone;
      default:
        return SkipReason::kNone;
    }
  }

  void Prune() {
    int64_t total = 0;
    for (uint32_t r : roots_) total += stats_.text[r];
    std::unordered_set<uint32_t> root_set(roots_.begin(), roots_.end());
    std::vector<SkipReason> skipped(t_.size(), SkipReason::kNone);
    std::vector<uint32_t> headings;  // kept subheadings, to check once the rest is decided
    for (uint32_t r : roots_) {
      for (uint32_t i = r + 1; i < t_[r].end;) {
        const SkipReason reason = root_set.count(i) ? SkipReason::kNone : ReasonToSkip(i, total);
        if (reason != SkipReason::kNone) {
          skipped_.emplace_back(i, reason);
          skipped[i] = reason;
          i = t_[i].end;
        } else {
          if (IsSubheading(t_[i].tag)) headings.push_back(i);
          ++i;
        }
      }
    }
    for (uint32_t h : headings) {
      if (IsOrphanHeading(h, skipped)) skipped_.emplace_back(h, SkipReason::kOrphanHeading);
    }
  }

  // A heading whose section (its following siblings up to the next heading) had text, all of
  // it left out as furniture by its class or tag: "Related stories" over a related-posts box,
  // "Leave a reply" over a form. (Not over mere lists of links: deal posts put a heading over
  // each list of "Buy it at" links, and the heading is the content.)
  bool IsOrphanHeading(uint32_t h, const std::vector<SkipReason>& skipped) const {
    const uint32_t parent = t_[h].parent;
    if (parent == kNoElement) return false;
    bool saw_furniture = false;
    for (uint32_t s = t_[h].end; s < t_[parent].end; s = t_[s].end) {
      if (IsSubheading(t_[s].tag) || t_[s].tag == GUMBO_TAG_H1) break;
      if (stats_.text[s] == 0 && t_[s].direct_images == 0) continue;
      switch (skipped[s]) {
        case SkipReason::kExcluded:
        case SkipReason::kBoilerplate:
        case SkipReason::kForm:
          saw_furniture = true;
          break;
        default:
          return false;
      }
    }
    return saw_furniture;
  }

  const ContentTree& t_;
  const bool filter_;
  std::vector<bool> excluded_;  // left out by the filter (the subtree's root)
  std::vector<bool> dead_;      // excluded, invisible, or inside such an element
  SubtreeStats stats_;
  std::vector<double> raw_;  // a candidate's score before the link-density scaling
  std::vector<bool> candidate_;
  std::vector<double> best_inner_;  // the best final score inside each subtree
  std::vector<int64_t> good_;       // bytes of prose paragraphs (less links) in each subtree
  std::vector<bool> signed_;        // the subtree names a user (username, avatar, author...)
  uint32_t seed_ = kNoElement;
  std::vector<uint32_t> roots_;
  std::vector<std::pair<uint32_t, SkipReason>> skipped_;
};

// What the renders leave out: a shared set of the top skipped elements.
SkipPredicate MakeSkip(const ContentTree& tree, const Selection& selection,
                       const SkipPredicate& also_skip) {
  auto set = std::make_shared<std::unordered_set<const GumboNode*>>();
  set->reserve(selection.skipped().size());
  for (const auto& [i, reason] : selection.skipped()) set->insert(tree[i].node);
  if (also_skip) {
    return [set = std::move(set), also_skip](const GumboNode* node) {
      return set->count(node) > 0 || also_skip(node);
    };
  }
  return [set = std::move(set)](const GumboNode* node) { return set->count(node) > 0; };
}

MainContent Render(const ContentTree& tree, const Selection& selection,
                   const SkipPredicate& also_skip = nullptr) {
  MainContent content;
  for (uint32_t r : selection.roots()) content.roots.push_back(tree[r].node);
  content.skip = MakeSkip(tree, selection, also_skip);
  TextRenderer renderer(content.skip);
  int64_t text_bytes = 0;
  for (uint32_t r : selection.roots()) text_bytes += selection.text(r);
  renderer.Reserve(static_cast<size_t>(text_bytes + text_bytes / 8));
  for (const GumboNode* root : content.roots) renderer.Render(root);
  content.text = std::move(renderer).Finish();
  return content;
}

std::string Describe(const GumboNode* node) {
  std::string out = IsElement(node) ? gumbo_normalized_tagname(Tag(node)) : "#text";
  const std::string_view id = Attribute(node, "id");
  const std::string_view class_attr = Attribute(node, "class");
  if (!id.empty()) {
    out += '#';
    out += id.substr(0, 40);
  }
  if (!class_attr.empty()) {
    out += '.';
    out += CollapseWhitespace(class_attr.substr(0, 60));
  }
  return out;
}

}  // namespace

MainContent FindMainContent(const HtmlDocument& doc, const BodyOptions& options) {
  const GumboNode* body = doc.body();
  if (body == nullptr) return {};
  const ContentTree tree = ContentTree::Build(body);
  MainContent content = Render(tree, Selection(tree, /*filter=*/true));
  if (content.text.size() < kMinArticleBytes) {
    MainContent unfiltered = Render(tree, Selection(tree, /*filter=*/false));
    if (unfiltered.text.size() > content.text.size()) content = std::move(unfiltered);
  }
  RenderHtmlAndMarkdown(options, &content);
  return content;
}

MainContent CleanChosenContent(const HtmlDocument& doc, std::vector<const GumboNode*> roots,
                               const SkipPredicate& exclude, const BodyOptions& options) {
  // The plain render: the chosen containers without only what the caller excludes.
  MainContent light;
  light.roots = roots;
  light.skip = exclude;
  TextRenderer renderer(exclude);
  for (const GumboNode* root : light.roots) renderer.Render(root);
  light.text = std::move(renderer).Finish();
  const GumboNode* body = doc.body();
  std::vector<uint32_t> indices;
  const ContentTree tree = ContentTree::Build(body);
  for (const GumboNode* root : roots) {
    const uint32_t i = tree.IndexOf(root);
    if (i == kNoElement || tree[i].invisible) {
      indices.clear();  // outside <body>, or hidden: no pruning, the caller knows best
      break;
    }
    indices.push_back(i);
  }
  MainContent content;
  if (!indices.empty()) {
    std::sort(indices.begin(), indices.end());
    content = Render(tree, Selection(tree, std::move(indices)), exclude);
  }
  // The caller named the containers: furniture hints that would take most of them are wrong.
  if (content.text.size() * 2 < light.text.size()) content = std::move(light);
  RenderHtmlAndMarkdown(options, &content);
  return content;
}

void RenderHtmlAndMarkdown(const BodyOptions& options, MainContent* content) {
  if (options.html && content->html.empty()) {
    content->html =
        RenderBodyHtml(content->roots, content->skip, options.base_url, content->text.size());
  }
  if (options.markdown && content->markdown.empty()) {
    content->markdown =
        RenderMarkdown(content->roots, content->skip, options.base_url, content->text.size());
  }
}

std::string ExplainMainContent(const HtmlDocument& doc) {
  const GumboNode* body = doc.body();
  if (body == nullptr) return "no <body>\n";
  const ContentTree tree = ContentTree::Build(body);
  std::string out;
  for (bool filter : {true, false}) {
    const Selection s(tree, filter);
    out += filter ? "== filtered\n" : "== unfiltered\n";
    std::vector<uint32_t> candidates;
    for (uint32_t i = 0; i < tree.size(); ++i) {
      if (s.candidate(i) && std::isfinite(s.score(i))) candidates.push_back(i);
    }
    std::sort(candidates.begin(), candidates.end(),
              [&](uint32_t a, uint32_t b) { return s.score(a) > s.score(b); });
    if (candidates.size() > 10) candidates.resize(10);
    for (uint32_t i : candidates) {
      out += "candidate " + std::to_string(i) + (i == s.seed() ? " (seed) " : " ") +
             Describe(tree[i].node) + " score=" + std::to_string(s.score(i)) +
             " text=" + std::to_string(s.text(i)) + " link=" + std::to_string(s.link(i)) + "\n";
    }
    for (uint32_t r : s.roots()) {
      out += "root " + std::to_string(r) + " " + Describe(tree[r].node) +
             " text=" + std::to_string(s.text(r)) + "\n";
    }
    for (const auto& [i, reason] : s.skipped()) {
      std::string text = InlineText(tree[i].node);
      if (text.size() > 80) text = text.substr(0, 80) + "...";
      if (text.empty() && reason == SkipReason::kNone) continue;
      out += "  skip " + std::string(ReasonName(reason)) + " " + Describe(tree[i].node) + ": " +
             text + "\n";
    }
  }
  return out;
}

}  // namespace strata::parser
