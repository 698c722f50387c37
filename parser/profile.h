// SiteProfiles: the site profiles (config/site_profile.h) compiled for extraction: every
// selector parsed and every regular expression compiled once, then shared read-only by all
// extraction threads through ExtractOptions::site_profiles.
//
// A profile overrides the generic cascade field by field: a field whose rules find nothing on
// a page (or that the profile does not describe) comes from the cascade as on any other site.
// How a page's profile is chosen and how values are read: parser/profile_apply.h.
//
// Thread-safety: immutable after Compile; copies share the compiled profiles.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "config/site_profile.h"

namespace strata::parser {

struct CompiledProfile;  // parser/profile_apply.h
class SelectorSet;       // parser/selector.h

class SiteProfiles {
 public:
  SiteProfiles() = default;  // no profiles: every site uses the cascade

  // Compiles `profiles` (as LoadSiteProfiles returns them). Fails with InvalidArgument on the
  // first bad selector or regular expression, naming the file and key:
  // "config/sites/x.toml (built in): fields.title[0].selector: bad selector 'h1[': ...".
  static Result<SiteProfiles> Compile(const std::vector<config::SiteProfile>& profiles);

  size_t size() const { return profiles_.size(); }
  bool empty() const { return profiles_.empty(); }
  // The profiles in name order (the order ties are broken in).
  const std::vector<std::shared_ptr<const CompiledProfile>>& profiles() const { return profiles_; }
  // Every profile's signature selectors in one set, and the profile each one belongs to.
  const SelectorSet* signatures() const { return signatures_.get(); }
  const std::vector<size_t>& signature_owners() const { return signature_owners_; }

 private:
  std::vector<std::shared_ptr<const CompiledProfile>> profiles_;
  std::shared_ptr<const SelectorSet> signatures_;  // null when no profile has signatures
  std::vector<size_t> signature_owners_;
};

}  // namespace strata::parser
