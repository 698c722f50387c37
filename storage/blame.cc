#include "storage/blame.h"

#include <optional>
#include <string_view>

#include "storage/align.h"

namespace strata::storage {
namespace {

Status TombstoneError(int64_t number) {
  return Status::FailedPrecondition("version " + std::to_string(number) +
                                    " is a tombstone (the page was gone): it has no paragraphs");
}

}  // namespace

void Blamer::Add(const Version& version) {
  if (version.gone) return;
  const std::vector<std::string_view> now = SplitParagraphs(version.article.body);
  Blame next;
  next.version = version.number;
  next.fetched_at = version.fetched_at;
  next.lines.resize(now.size());
  for (size_t i = 0; i < now.size(); ++i) {
    BlameLine& line = next.lines[i];
    line.index = static_cast<int64_t>(i);
    line.text = std::string(now[i]);
    line.since_version = line.edited_version = version.number;
    line.since = line.edited = version.fetched_at;
  }
  if (!empty()) {
    std::vector<std::string_view> before;
    before.reserve(current_.lines.size());
    for (const BlameLine& line : current_.lines) before.push_back(line.text);
    for (const BlockMatch& m : AlignParagraphs(before, now)) {
      if (m.op != BlockOp::kEqual && m.op != BlockOp::kChange && m.op != BlockOp::kMoveTo) continue;
      const BlameLine& old = current_.lines[static_cast<size_t>(m.from)];
      BlameLine& line = next.lines[static_cast<size_t>(m.to)];
      line.since_version = old.since_version;
      line.since = old.since;
      if (m.op == BlockOp::kEqual || (m.op == BlockOp::kMoveTo && m.similarity >= 1.0)) {
        line.edited_version = old.edited_version;
        line.edited = old.edited;
      }
    }
  }
  current_ = std::move(next);
}

Result<Blame> BlameVersions(const std::vector<Version>& versions, int64_t version) {
  if (versions.empty()) return Status::NotFound("no version archived");
  Blamer blamer;
  for (const Version& v : versions) {
    if (version != 0 && v.number > version) break;
    if (v.number == version && v.gone) return TombstoneError(version);
    blamer.Add(v);
    if (v.number == version) return blamer.Current();
  }
  if (version != 0) {
    return Status::NotFound("no version " + std::to_string(version) + " (latest is " +
                            std::to_string(versions.back().number) + ")");
  }
  if (blamer.empty()) return Status::FailedPrecondition("every version is a tombstone");
  return blamer.Current();
}

Result<Blame> BlameArticle(const Archive& archive, const std::string& url, int64_t version) {
  STRATA_ASSIGN_OR_RETURN(const ArticleHead head, archive.Head(url));
  if (head.latest_version == 0) {
    return Status::NotFound(url + ": no version archived (only failed fetches)");
  }
  if (version < 0 || version > head.latest_version) {
    return Status::NotFound("no version " + std::to_string(version) + " of " + url + " (it has " +
                            std::to_string(head.latest_version) + ")");
  }
  Blamer blamer;
  bool tombstone = false;
  STRATA_RETURN_IF_ERROR(archive.ForEachVersion(url, [&](const Version& v) {
    if (version != 0 && v.number > version) return false;
    if (v.number == version) tombstone = v.gone;
    blamer.Add(v);
    return v.number != version;
  }));
  if (tombstone) return TombstoneError(version);
  if (blamer.empty()) return Status::FailedPrecondition(url + ": every version is a tombstone");
  if (version != 0 && blamer.Current().version != version) {
    return Status::NotFound("no version " + std::to_string(version) + " of " + url);
  }
  return blamer.Current();
}

}  // namespace strata::storage
