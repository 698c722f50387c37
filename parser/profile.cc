#include "parser/profile.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "parser/profile_apply.h"

namespace strata::parser {
namespace {

Status Bad(const config::SiteProfile& profile, const std::string& key, const Status& status) {
  return Status::InvalidArgument(profile.source + ": " + key + ": " + status.message());
}

Result<CompiledRule> CompileRule(const config::SiteProfile& profile,
                                 const config::FieldRule& rule) {
  Result<Selector> selector = Selector::Parse(rule.selector);
  if (!selector.ok()) return Bad(profile, rule.key + ".selector", selector.status());
  CompiledRule compiled{std::move(*selector), rule.attribute, nullptr, {}, rule.key};
  // Gumbo lower-cases attribute names; so does the lookup.
  for (char& c : compiled.attribute)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!rule.regex.empty()) {
    RE2::Options options;
    options.set_log_errors(false);
    auto regex = std::make_shared<const RE2>(rule.regex, options);
    if (!regex->ok()) {
      return Status::InvalidArgument(profile.source + ": " + rule.key + ".regex: bad regular " +
                                     "expression '" + rule.regex + "': " + regex->error());
    }
    compiled.regex = std::move(regex);
  }
  for (size_t i = 0; i < rule.exclude.size(); ++i) {
    Result<Selector> exclude = Selector::Parse(rule.exclude[i]);
    if (!exclude.ok()) {
      return Bad(profile, rule.key + ".exclude[" + std::to_string(i) + "]", exclude.status());
    }
    compiled.exclude.push_back(std::move(*exclude));
  }
  return compiled;
}

Status CompileRules(const config::SiteProfile& profile, const std::vector<config::FieldRule>& rules,
                    std::vector<CompiledRule>* out) {
  for (const config::FieldRule& rule : rules) {
    Result<CompiledRule> compiled = CompileRule(profile, rule);
    if (!compiled.ok()) return compiled.status();
    out->push_back(std::move(*compiled));
  }
  return Status::Ok();
}

}  // namespace

Result<SiteProfiles> SiteProfiles::Compile(const std::vector<config::SiteProfile>& profiles) {
  SiteProfiles out;
  std::vector<const config::SiteProfile*> sorted;
  for (const config::SiteProfile& profile : profiles) sorted.push_back(&profile);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->name < b->name; });
  for (const config::SiteProfile* profile : sorted) {
    auto compiled = std::make_shared<CompiledProfile>();
    compiled->profile = *profile;
    for (size_t i = 0; i < profile->signatures.size(); ++i) {
      Result<Selector> selector = Selector::Parse(profile->signatures[i]);
      if (!selector.ok()) {
        return Bad(*profile, "signatures[" + std::to_string(i) + "]", selector.status());
      }
      compiled->signatures.push_back(std::move(*selector));
    }
    const config::FieldRules& f = profile->fields;
    for (auto [rules, out_rules] :
         {std::pair{&f.title, &compiled->title}, std::pair{&f.author, &compiled->author},
          std::pair{&f.published, &compiled->published},
          std::pair{&f.modified, &compiled->modified}, std::pair{&f.body, &compiled->body},
          std::pair{&f.views, &compiled->views}, std::pair{&f.likes, &compiled->likes},
          std::pair{&f.comments, &compiled->comments}, std::pair{&f.tags, &compiled->tags}}) {
      STRATA_RETURN_IF_ERROR(CompileRules(*profile, *rules, out_rules));
    }
    IndexRules(compiled.get());
    out.profiles_.push_back(std::move(compiled));
  }
  std::vector<const Selector*> signatures;
  for (size_t i = 0; i < out.profiles_.size(); ++i) {
    for (const Selector& selector : out.profiles_[i]->signatures) {
      signatures.push_back(&selector);
      out.signature_owners_.push_back(i);
    }
  }
  if (!signatures.empty()) out.signatures_ = std::make_shared<const SelectorSet>(signatures);
  return out;
}

}  // namespace strata::parser
