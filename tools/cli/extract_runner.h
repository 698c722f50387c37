// What `strata extract` does, apart from its flags: read saved pages (plain or gzip), run the
// parser on each, and turn every result into one JSON line, in input order, on several threads.
// Kept out of the command file so that tests can call it without running the program.
//
// Output line (one JSON object, no newline):
//   {"path","url","title","author","date","body","views","likes","comments","tags","lang",
//    "word_count"} (+ "body_html" / "body_markdown" when asked), absent values null, "date"
//   the publication date in ISO 8601; or {"path","url","error"} when the page could not be read
//   or is not HTML.
//
// Thread-safety: RunExtractJobs runs its own worker threads; the other functions are pure or
// read files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace strata::parser {
class SiteProfiles;
}

namespace strata::tools {

// One page to extract.
struct ExtractJob {
  std::string path;                      // the file, as given (relative paths as the user wrote)
  std::string url;                       // the page's URL; "" when unknown
  std::string content_type;              // the Content-Type it was served with; "" when unknown
  std::optional<UnixMillis> fetched_at;  // when it was fetched; unset = see ExtractRunOptions
};

struct ExtractRunOptions {
  bool html = false;      // add "body_html"
  bool markdown = false;  // add "body_markdown"
  // Worker threads; 0 = one per core. Output order never depends on it.
  int jobs = 0;
  // The fetch time of jobs that do not carry one; unset = the file's modification time (when
  // the page was saved, the best guess for resolving "3 天前").
  std::optional<UnixMillis> fetched_at;
  // Larger files (after decompression) are reported as errors. Default 64 MiB: four times the
  // crawler's default body cap.
  size_t max_page_bytes = size_t{64} << 20;
  const parser::SiteProfiles* site_profiles = nullptr;  // not owned; null = cascade only
};

// Reads a manifest: one JSON object per line, {"path": ..., "url": ...} with optional
// "content_type" and "fetched_at" (ISO 8601 or Unix milliseconds); blank lines and lines
// starting with '#' are skipped. Relative paths are taken relative to the manifest's
// directory. Fails (InvalidArgument) naming the manifest and line of the first bad line.
Result<std::vector<ExtractJob>> ReadManifest(const std::string& manifest_path);

// Parses manifest text (as ReadManifest, for tests): `base_dir` prefixes relative paths.
Result<std::vector<ExtractJob>> ParseManifest(std::string_view text, std::string_view source,
                                              const std::string& base_dir);

// The bytes of a saved page: gunzipped when they start with the gzip magic (whatever the file
// is called), at most `max_bytes`. Fails with the path and the reason (NotFound, IOError,
// Corruption for a damaged gzip stream, InvalidArgument when too large).
Result<std::string> ReadPageFile(const std::string& path, size_t max_bytes);

// Extracts one job into its output line. Never fails: problems become an "error" line.
// `*ok` (optional) receives whether the line is a result rather than an error.
std::string ExtractLine(const ExtractJob& job, const ExtractRunOptions& options,
                        bool* ok = nullptr);

// Extracts every job on options.jobs threads and calls `emit(line)` for each line, in input
// order, from the calling thread. Returns the number of error lines.
size_t RunExtractJobs(const std::vector<ExtractJob>& jobs, const ExtractRunOptions& options,
                      const std::function<void(const std::string&)>& emit);

}  // namespace strata::tools
