// Reading the [listing] section of a site profile (config/site_profile_listing.h). Internal to
// config/: site_profile.cc calls it while it reads a profile file.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/site_profile_listing.h"
#include "config/toml_reader.h"

namespace strata::config {

// Reads `node` (the profile's "listing" entry, null when absent): a table ([listing]) or an
// array of tables ([[listing]]). Marks the key as known in `root`; errors go to `root`'s error
// ("cnblogs.toml: listing.page_url: unknown placeholder {blogapp} (available: blog, page, ...)").
std::vector<ListingRule> ReadListingSection(TableReader& root, const toml::node* node,
                                            const std::string& source);

}  // namespace strata::config
