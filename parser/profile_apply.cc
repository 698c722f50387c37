#include "parser/profile_apply.h"

#include <re2/re2.h>

#include <algorithm>
#include <unordered_set>

#include "parser/author.h"
#include "parser/content_hints.h"
#include "parser/counters.h"
#include "parser/dom.h"
#include "parser/text_render.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Bounds on what one rule may collect: far above real pages, a cap on hostile ones.
constexpr size_t kMaxTags = 50;
constexpr size_t kMaxBodyRoots = 64;
constexpr size_t kMaxValueBytes = 4096;  // a title, a name or a date longer than this is not one

bool HostMatches(std::string_view pattern, std::string_view host) {
  if (pattern.starts_with("*.")) {
    const std::string_view suffix = pattern.substr(1);  // ".cnblogs.com"
    return host.size() > suffix.size() && host.ends_with(suffix);
  }
  return pattern == host;
}

// Applies the rule's regex: the first group (the whole match without groups); nullopt when it
// does not match.
std::optional<std::string> ApplyRegex(const CompiledRule& rule, std::string value) {
  if (!rule.regex) return value;
  const RE2& re = *rule.regex;
  const int groups = std::min(re.NumberOfCapturingGroups(), 1);
  re2::StringPiece match[2];
  if (!re.Match(value, 0, value.size(), RE2::UNANCHORED, match, groups + 1)) return std::nullopt;
  const re2::StringPiece kept = match[groups];
  if (kept.data() == nullptr) return std::nullopt;
  return std::string(kept.data(), kept.size());
}

std::optional<std::string> ValueOf(const CompiledRule& rule, const GumboNode* node) {
  std::string raw;
  if (rule.attribute.empty()) {
    raw = InlineText(node);
  } else {
    const std::optional<std::string_view> attribute = FindAttribute(node, rule.attribute.c_str());
    if (!attribute) return std::nullopt;
    raw = CollapseWhitespace(DecodeStrayEntities(*attribute));
  }
  std::optional<std::string> value = ApplyRegex(rule, std::move(raw));
  if (!value) return std::nullopt;
  std::string clean = CollapseWhitespace(*value);
  if (clean.empty()) return std::nullopt;
  return clean;
}

// Elements a rule may collect: a field takes the first usable value, so a few candidates per
// rule are plenty; tags and body parts take every element, within bounds.
constexpr size_t kMaxCandidates = 8;

// The elements every rule of a profile matches, found in one walk over the document with the
// profile's SelectorSet (a walk per rule would cost a dozen extra passes over a large page).
class RuleMatches {
 public:
  RuleMatches(const CompiledProfile& profile, const HtmlDocument& doc)
      : profile_(profile), nodes_(profile.rules.size()) {
    if (profile.rules.empty() || profile.rule_set == nullptr) return;
    size_t open = profile.rules.size();
    AncestorFilter ancestors;
    AncestorFilter* filter = profile.rule_set->uses_ancestors() ? &ancestors : nullptr;
    Walk(
        doc.document(),
        [&](const GumboNode* node) {
          if (node->type == GUMBO_NODE_DOCUMENT) return WalkAction::kContinue;
          if (!IsElement(node)) return WalkAction::kSkipChildren;
          profile.rule_set->ForEachMatch(
              node,
              [&](size_t i) {
                if (nodes_[i].size() >= profile.rule_limits[i]) return;
                nodes_[i].push_back(node);
                if (nodes_[i].size() == profile.rule_limits[i]) --open;
              },
              filter);
          if (filter != nullptr) filter->Push(node);
          return open == 0 ? WalkAction::kStop : WalkAction::kContinue;
        },
        [filter](const GumboNode*) {
          if (filter != nullptr) filter->Pop();
        });
  }

  // The elements `rule` (one of the profile's) matched, in document order.
  const std::vector<const GumboNode*>& Of(const CompiledRule& rule) const {
    for (size_t i = 0; i < profile_.rules.size(); ++i) {
      if (profile_.rules[i] == &rule) return nodes_[i];
    }
    static const std::vector<const GumboNode*> kNone;
    return kNone;
  }

 private:
  const CompiledProfile& profile_;
  std::vector<std::vector<const GumboNode*>> nodes_;  // by rule index
};

// The first value of the rules, tried in order, that `read` accepts.
template <typename Read>
auto FirstAccepted(const std::vector<CompiledRule>& rules, const RuleMatches& matches, Read&& read)
    -> decltype(read(std::string())) {
  for (const CompiledRule& rule : rules) {
    for (const GumboNode* node : matches.Of(rule)) {
      std::optional<std::string> value = ValueOf(rule, node);
      if (!value || value->size() > kMaxValueBytes) continue;
      if (auto accepted = read(*value)) return accepted;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ReadDate(const std::string& value, const DateContext& dates) {
  if (std::optional<std::string> iso = NormalizeDate(value, dates)) return iso;
  return FindDateInText(value, dates);
}

std::optional<std::string> ReadAuthor(const std::string& value) {
  std::string name = CleanByline(value);
  if (name.empty()) name = TidyDeclaredAuthor(value);
  if (name.empty()) return std::nullopt;
  return name;
}

// A count: a bare number ("1.2w"), a labelled one ("阅读数：4", "5 Likes") for `field`, or the
// one number in the text ("👁 1,234").
using CounterField = std::optional<int64_t> Counters::*;
std::optional<int64_t> ReadCount(const std::string& value, CounterField field) {
  if (std::optional<int64_t> n = ParseCount(value)) return n;
  const Counters found = FindCountersInText(value);
  if (found.*field) return found.*field;
  static const RE2* const kNumber =
      new RE2("(\\d[\\d,.]*(?:\\s?(?:万|亿|千|[kKmMwWbB]))?\\+?)(?:[^\\d,.a-zA-Z]|$)");
  re2::StringPiece input(value), number;
  std::optional<int64_t> only;
  int seen = 0;
  while (seen < 2 && RE2::FindAndConsume(&input, *kNumber, &number)) {
    ++seen;
    only = ParseCount(std::string_view(number.data(), number.size()));
  }
  return seen == 1 ? only : std::nullopt;
}

// The body: the elements the first productive rule matches (outermost only), rendered without
// the rule's exclusions and the furniture the cascade's body leaves out too (share bars,
// counter widgets...), unless that furniture filter would remove most of the text.
std::optional<MainContent> ReadBody(const std::vector<CompiledRule>& rules,
                                    const RuleMatches& matches) {
  for (const CompiledRule& rule : rules) {
    std::vector<const GumboNode*> roots;
    for (const GumboNode* node : matches.Of(rule)) {
      const bool nested = std::any_of(roots.begin(), roots.end(), [node](const GumboNode* root) {
        return IsInclusiveAncestor(root, node);
      });
      if (!nested) roots.push_back(node);
    }
    if (roots.empty()) continue;
    const auto excluded = [&rule](const GumboNode* node) {
      for (const Selector& exclude : rule.exclude) {
        if (exclude.Matches(node)) return true;
      }
      return false;
    };
    const SkipPredicate light = excluded;
    const SkipPredicate full = [excluded](const GumboNode* node) {
      return excluded(node) || IsBoilerplate(node) || IsCounterWidget(node);
    };
    auto render = [&roots](const SkipPredicate& skip) {
      TextRenderer renderer(skip);
      for (const GumboNode* root : roots) renderer.Render(root);
      return std::move(renderer).Finish();
    };
    MainContent content;
    content.roots = roots;
    content.text = render(full);
    content.skip = full;
    const std::string light_text = render(light);
    // The profile named the container: furniture hints that would take most of it are wrong.
    if (content.text.size() * 2 < light_text.size()) {
      content.text = light_text;
      content.skip = light;
    }
    if (content.text.empty()) continue;
    return content;
  }
  return std::nullopt;
}

}  // namespace

void IndexRules(CompiledProfile* profile) {
  profile->rules.clear();
  profile->rule_limits.clear();
  auto add = [profile](const std::vector<CompiledRule>& rules, size_t limit) {
    for (const CompiledRule& rule : rules) {
      profile->rules.push_back(&rule);
      profile->rule_limits.push_back(limit);
    }
  };
  for (const auto* rules :
       {&profile->title, &profile->author, &profile->published, &profile->modified, &profile->views,
        &profile->likes, &profile->comments}) {
    add(*rules, kMaxCandidates);
  }
  add(profile->tags, kMaxTags);
  add(profile->body, kMaxBodyRoots);
  std::vector<const Selector*> selectors;
  for (const CompiledRule* rule : profile->rules) selectors.push_back(&rule->selector);
  profile->rule_set = std::make_shared<const SelectorSet>(selectors);
}

std::vector<std::string> RuleValues(const CompiledRule& rule, const HtmlDocument& doc,
                                    size_t limit) {
  std::vector<std::string> values;
  for (const GumboNode* node : rule.selector.QueryAll(doc.document(), limit)) {
    if (std::optional<std::string> value = ValueOf(rule, node)) values.push_back(std::move(*value));
  }
  return values;
}

const CompiledProfile* SelectProfile(const SiteProfiles& profiles, std::string_view host,
                                     const MetaTags& meta, const HtmlDocument& doc) {
  if (profiles.empty()) return nullptr;
  const CompiledProfile* best = nullptr;
  size_t best_length = 0;  // the length of the wildcard pattern that matched
  if (!host.empty()) {
    for (const auto& compiled : profiles.profiles()) {
      for (const std::string& pattern : compiled->profile.hosts) {
        if (!HostMatches(pattern, host)) continue;
        if (pattern == host) return compiled.get();
        if (pattern.size() > best_length) {
          best = compiled.get();
          best_length = pattern.size();
        }
      }
    }
    if (best != nullptr) return best;
  }
  const std::vector<std::string_view> generators = meta.All("generator");
  if (!generators.empty()) {
    for (const auto& compiled : profiles.profiles()) {
      for (const std::string& prefix : compiled->profile.generators) {
        for (std::string_view generator : generators) {
          if (StartsWithIgnoreCase(generator, prefix)) return compiled.get();
        }
      }
    }
  }
  // One walk tests every signature; the first profile in name order that matched wins.
  const SelectorSet* signatures = profiles.signatures();
  if (signatures == nullptr) return nullptr;
  const std::vector<size_t>& owners = profiles.signature_owners();
  size_t first = profiles.size();
  AncestorFilter ancestors;
  AncestorFilter* filter = signatures->uses_ancestors() ? &ancestors : nullptr;
  Walk(
      doc.document(),
      [&](const GumboNode* node) {
        if (node->type == GUMBO_NODE_DOCUMENT) return WalkAction::kContinue;
        if (!IsElement(node)) return WalkAction::kSkipChildren;
        signatures->ForEachMatch(
            node, [&](size_t i) { first = std::min(first, owners[i]); }, filter);
        if (filter != nullptr) filter->Push(node);
        return first == 0 ? WalkAction::kStop : WalkAction::kContinue;
      },
      [filter](const GumboNode*) {
        if (filter != nullptr) filter->Pop();
      });
  return first < profiles.size() ? profiles.profiles()[first].get() : nullptr;
}

ProfileFields ReadProfileFields(const CompiledProfile& profile, const HtmlDocument& doc,
                                const DateContext& dates) {
  ProfileFields out;
  const RuleMatches matches(profile, doc);
  out.title = FirstAccepted(profile.title, matches,
                            [](const std::string& v) { return std::optional<std::string>(v); });
  out.author = FirstAccepted(profile.author, matches, ReadAuthor);
  auto read_date = [&dates](const std::string& v) { return ReadDate(v, dates); };
  out.published = FirstAccepted(profile.published, matches, read_date);
  out.modified = FirstAccepted(profile.modified, matches, read_date);
  out.counters.views = FirstAccepted(
      profile.views, matches, [](const std::string& v) { return ReadCount(v, &Counters::views); });
  out.counters.likes = FirstAccepted(
      profile.likes, matches, [](const std::string& v) { return ReadCount(v, &Counters::likes); });
  out.counters.comments = FirstAccepted(profile.comments, matches, [](const std::string& v) {
    return ReadCount(v, &Counters::comments);
  });
  std::unordered_set<std::string> seen;
  for (const CompiledRule& rule : profile.tags) {
    for (const GumboNode* node : matches.Of(rule)) {
      const std::optional<std::string> value = ValueOf(rule, node);
      if (!value) continue;
      std::string_view tag = *value;
      while (tag.starts_with("#")) tag.remove_prefix(1);  // "#rust" on dev.to
      tag = TrimSpace(tag);
      if (tag.empty() || tag.size() > 100 || out.tags.size() >= kMaxTags) continue;
      if (seen.emplace(tag).second) out.tags.emplace_back(tag);
    }
    if (!out.tags.empty()) break;  // the first rule that finds tags is the list
  }
  out.body = ReadBody(profile.body, matches);
  return out;
}

}  // namespace strata::parser
