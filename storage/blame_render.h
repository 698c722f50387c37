// Output formats of a Blame (blame.h): text for a terminal, and JSON.
//
// Text, one line per paragraph:
//     v1  2025-02-14T08:00:00Z      The multi interface drives them all from one thread.
//     v1  2025-02-14T08:00:00Z  ~v2 That works for dozens of transfers, not for thousands.
//   the version and time the paragraph first appeared, "~vN" when its wording comes from a
//   later version N (it was edited there), then the paragraph.
// JSON: {"url", "version", "fetched_at", "paragraphs": [{"index", "text", "since_version",
//   "since", "edited_version", "edited"}]}, times in ISO 8601 UTC, indices 0-based.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "storage/blame.h"

namespace strata::storage {

// `color`: ANSI colours for the version columns.
std::string RenderBlameText(const Blame& blame, bool color);
std::string RenderBlameJson(const Blame& blame, const std::string& url);

}  // namespace strata::storage
