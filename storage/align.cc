#include "storage/align.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "storage/diff_sequence.h"
#include "storage/diff_tokenize.h"

namespace strata::storage {
namespace {

// Stretches with more deleted x inserted paragraphs than this are paired by a windowed greedy
// pass instead of the exact (quadratic) one: 256 x 256 similarities are about a millisecond.
constexpr size_t kMaxPairCells = 256 * 256;
constexpr size_t kGreedyWindow = 16;
// Bound on dtl's work for the paragraph LCS (diff_sequence.h), about 100 ms: beyond it only
// heavily reordered bodies, whose alignment then rests on their unique paragraphs.
constexpr int64_t kMaxParagraphWork = 10'000'000;
// Edited moves are looked for among at most this many (deleted x inserted) pairs.
constexpr size_t kMaxMovePairs = 100'000;

// Sorted token ids of a paragraph, for the Dice coefficient.
using Bag = std::vector<uint32_t>;

class Bags {
 public:
  explicit Bags(Interner* interner) : interner_(interner) {}
  const Bag& Of(const std::vector<std::string_view>& paragraphs, size_t i,
                std::vector<std::optional<Bag>>* cache) {
    std::optional<Bag>& bag = (*cache)[i];
    if (!bag) {
      bag.emplace();
      for (const Token& t : TokenizeWords(paragraphs[i])) {
        if (t.kind != TokenKind::kSpace) bag->push_back(interner_->Id(t.text));
      }
      std::sort(bag->begin(), bag->end());
    }
    return *bag;
  }

 private:
  Interner* interner_;
};

// 2|A∩B| / (|A|+|B|) of two sorted multisets.
double Dice(const Bag& a, const Bag& b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t common = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

// The best Dice two bags of these sizes could reach: skips hopeless comparisons cheaply.
double DiceBound(size_t a, size_t b) {
  if (a + b == 0) return 1.0;
  return 2.0 * static_cast<double>(std::min(a, b)) / static_cast<double>(a + b);
}

// A stretch between two anchors: the deleted and inserted paragraphs, in order.
struct Region {
  std::vector<size_t> dels;
  std::vector<size_t> ins;
};

// An anchor run, or a region.
struct Item {
  bool is_region = false;
  EditRun equal;      // when !is_region
  size_t region = 0;  // when is_region
};

enum class Fate : uint8_t { kUnpaired, kChanged, kMoved };

class Aligner {
 public:
  Aligner(const std::vector<std::string_view>& from, const std::vector<std::string_view>& to,
          const AlignOptions& options)
      : from_(from),
        to_(to),
        options_(options),
        bags_(&tokens_),
        from_bags_(from.size()),
        to_bags_(to.size()),
        from_fate_(from.size(), Fate::kUnpaired),
        to_fate_(to.size(), Fate::kUnpaired),
        from_partner_(from.size(), -1),
        to_partner_(to.size(), -1),
        from_similarity_(from.size(), 1.0) {}

  std::vector<BlockMatch> Align() {
    Anchor();
    if (options_.detect_moves) ExactMoves();
    for (Region& region : regions_) PairEdits(region);
    if (options_.detect_moves) EditedMoves();
    return Emit();
  }

 private:
  double Similarity(size_t f, size_t t) {
    const Bag& a = bags_.Of(from_, f, &from_bags_);
    const Bag& b = bags_.Of(to_, t, &to_bags_);
    if (DiceBound(a.size(), b.size()) < options_.min_similarity) return 0.0;
    return Dice(a, b);
  }

  void Pair(size_t f, size_t t, Fate fate, double similarity) {
    from_fate_[f] = fate;
    to_fate_[t] = fate;
    from_partner_[f] = static_cast<int64_t>(t);
    to_partner_[t] = static_cast<int64_t>(f);
    from_similarity_[f] = similarity;
  }

  // Pass 1: the common subsequence of whole paragraphs.
  void Anchor() {
    Interner paragraphs;
    from_ids_.reserve(from_.size());
    to_ids_.reserve(to_.size());
    for (std::string_view p : from_) from_ids_.push_back(paragraphs.Id(p));
    for (std::string_view p : to_) to_ids_.push_back(paragraphs.Id(p));
    const std::vector<EditRun> runs = DiffSequencesWithin(from_ids_, to_ids_, kMaxParagraphWork);
    for (const EditRun& run : runs) {
      if (run.kind == EditKind::kEqual) {
        items_.push_back({false, run, 0});
        continue;
      }
      if (items_.empty() || !items_.back().is_region) {
        items_.push_back({true, {}, regions_.size()});
        regions_.emplace_back();
      }
      Region& region = regions_.back();
      for (size_t k = 0; k < run.length; ++k) {
        if (run.kind == EditKind::kDelete) region.dels.push_back(run.from_begin + k);
        if (run.kind == EditKind::kInsert) region.ins.push_back(run.to_begin + k);
      }
    }
  }

  // Pass 2: a paragraph deleted here and inserted verbatim there moved.
  void ExactMoves() {
    std::map<uint32_t, std::vector<size_t>> inserted;  // id -> new indices, last first
    for (auto region = regions_.rbegin(); region != regions_.rend(); ++region) {
      for (auto t = region->ins.rbegin(); t != region->ins.rend(); ++t) {
        if (!IsBlank(to_[*t])) inserted[to_ids_[*t]].push_back(*t);
      }
    }
    for (const Region& region : regions_) {
      for (size_t f : region.dels) {
        auto it = inserted.find(from_ids_[f]);
        if (it == inserted.end() || it->second.empty()) continue;
        Pair(f, it->second.back(), Fate::kMoved, 1.0);
        it->second.pop_back();
      }
    }
  }

  // Pass 3: edits between the same anchors, in order, maximising total similarity.
  void PairEdits(const Region& region) {
    std::vector<size_t> dels;
    std::vector<size_t> ins;
    for (size_t f : region.dels) {
      if (from_fate_[f] == Fate::kUnpaired) dels.push_back(f);
    }
    for (size_t t : region.ins) {
      if (to_fate_[t] == Fate::kUnpaired) ins.push_back(t);
    }
    if (dels.empty() || ins.empty()) return;
    const size_t p = dels.size();
    const size_t q = ins.size();
    const double min = options_.min_similarity;
    if (p * q > kMaxPairCells) {
      size_t next = 0;  // first insertion still free
      for (size_t f : dels) {
        double best = 0.0;
        size_t best_j = q;
        for (size_t j = next; j < q && j < next + kGreedyWindow; ++j) {
          const double s = Similarity(f, ins[j]);
          if (s >= min && s > best) best = s, best_j = j;
        }
        if (best_j < q) {
          Pair(f, ins[best_j], Fate::kChanged, best);
          next = best_j + 1;
        }
      }
      return;
    }
    // score[i][j]: best total similarity pairing dels[i..] with ins[j..].
    std::vector<double> sim(p * q, 0.0);
    for (size_t i = 0; i < p; ++i) {
      for (size_t j = 0; j < q; ++j) {
        const double s = Similarity(dels[i], ins[j]);
        sim[i * q + j] = s >= min ? s : 0.0;
      }
    }
    std::vector<double> score((p + 1) * (q + 1), 0.0);
    const auto at = [&](size_t i, size_t j) -> double& { return score[i * (q + 1) + j]; };
    for (size_t i = p; i-- > 0;) {
      for (size_t j = q; j-- > 0;) {
        double best = std::max(at(i + 1, j), at(i, j + 1));
        if (sim[i * q + j] > 0.0) best = std::max(best, at(i + 1, j + 1) + sim[i * q + j]);
        at(i, j) = best;
      }
    }
    size_t i = 0;
    size_t j = 0;
    while (i < p && j < q) {
      const double s = sim[i * q + j];
      if (s > 0.0 && at(i, j) == at(i + 1, j + 1) + s) {
        Pair(dels[i], ins[j], Fate::kChanged, s);
        ++i, ++j;
      } else if (at(i, j) == at(i + 1, j)) {
        ++i;
      } else {
        ++j;
      }
    }
  }

  // Pass 3b: what is still unpaired but nearly identical to a paragraph elsewhere moved and
  // was edited on the way.
  void EditedMoves() {
    std::vector<size_t> dels;
    std::vector<size_t> ins;
    for (const Region& region : regions_) {
      for (size_t f : region.dels) {
        if (from_fate_[f] == Fate::kUnpaired && !IsBlank(from_[f])) dels.push_back(f);
      }
      for (size_t t : region.ins) {
        if (to_fate_[t] == Fate::kUnpaired && !IsBlank(to_[t])) ins.push_back(t);
      }
    }
    if (dels.empty() || ins.empty() || dels.size() * ins.size() > kMaxMovePairs) return;
    std::vector<std::tuple<double, size_t, size_t>> candidates;
    for (size_t f : dels) {
      for (size_t t : ins) {
        const Bag& a = bags_.Of(from_, f, &from_bags_);
        const Bag& b = bags_.Of(to_, t, &to_bags_);
        if (DiceBound(a.size(), b.size()) < options_.min_move_similarity) continue;
        const double s = Dice(a, b);
        if (s >= options_.min_move_similarity) candidates.emplace_back(s, f, t);
      }
    }
    // Most similar first; ties in reading order, so the result does not depend on sort details.
    std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
      if (std::get<0>(x) != std::get<0>(y)) return std::get<0>(x) > std::get<0>(y);
      return std::tie(std::get<1>(x), std::get<2>(x)) < std::tie(std::get<1>(y), std::get<2>(y));
    });
    for (const auto& [s, f, t] : candidates) {
      if (from_fate_[f] == Fate::kUnpaired && to_fate_[t] == Fate::kUnpaired) {
        Pair(f, t, Fate::kMoved, s);
      }
    }
  }

  void EmitOld(size_t f, std::vector<BlockMatch>* out) const {
    if (from_fate_[f] == Fate::kMoved) {
      out->push_back(
          {BlockOp::kMoveFrom, static_cast<int64_t>(f), from_partner_[f], from_similarity_[f]});
    } else {
      out->push_back({BlockOp::kDelete, static_cast<int64_t>(f), -1, 1.0});
    }
  }

  void EmitNew(size_t t, std::vector<BlockMatch>* out) const {
    if (to_fate_[t] == Fate::kMoved) {
      const int64_t f = to_partner_[t];
      out->push_back(
          {BlockOp::kMoveTo, f, static_cast<int64_t>(t), from_similarity_[static_cast<size_t>(f)]});
    } else {
      out->push_back({BlockOp::kInsert, -1, static_cast<int64_t>(t), 1.0});
    }
  }

  std::vector<BlockMatch> Emit() const {
    std::vector<BlockMatch> out;
    out.reserve(from_.size() + to_.size());
    for (const Item& item : items_) {
      if (!item.is_region) {
        for (size_t k = 0; k < item.equal.length; ++k) {
          out.push_back({BlockOp::kEqual, static_cast<int64_t>(item.equal.from_begin + k),
                         static_cast<int64_t>(item.equal.to_begin + k), 1.0});
        }
        continue;
      }
      const Region& region = regions_[item.region];
      // Both lists in order, stopping at each edit pair: edits are in order on both sides.
      size_t i = 0;
      size_t j = 0;
      const std::vector<size_t>& dels = region.dels;
      const std::vector<size_t>& ins = region.ins;
      while (i < dels.size() || j < ins.size()) {
        // Old-side items up to the next edit.
        while (i < dels.size() && from_fate_[dels[i]] != Fate::kChanged) EmitOld(dels[i++], &out);
        // New-side items up to the partner of that edit (or all of them).
        const int64_t partner = i < dels.size() ? from_partner_[dels[i]] : -1;
        while (j < ins.size() && static_cast<int64_t>(ins[j]) != partner) EmitNew(ins[j++], &out);
        if (i < dels.size()) {
          out.push_back({BlockOp::kChange, static_cast<int64_t>(dels[i]), partner,
                         from_similarity_[dels[i]]});
          ++i, ++j;
        }
      }
    }
    return out;
  }

  const std::vector<std::string_view>& from_;
  const std::vector<std::string_view>& to_;
  const AlignOptions& options_;
  Interner tokens_;
  Bags bags_;
  std::vector<std::optional<Bag>> from_bags_;
  std::vector<std::optional<Bag>> to_bags_;
  std::vector<uint32_t> from_ids_;
  std::vector<uint32_t> to_ids_;
  std::vector<Item> items_;
  std::vector<Region> regions_;
  std::vector<Fate> from_fate_;
  std::vector<Fate> to_fate_;
  std::vector<int64_t> from_partner_;
  std::vector<int64_t> to_partner_;
  std::vector<double> from_similarity_;
};

}  // namespace

std::vector<std::string_view> SplitParagraphs(std::string_view body) {
  std::vector<std::string_view> paragraphs;
  while (!body.empty()) {
    const size_t end = body.find('\n');
    if (end == std::string_view::npos) {
      paragraphs.push_back(body);
      break;
    }
    paragraphs.push_back(body.substr(0, end));
    body.remove_prefix(end + 1);
  }
  return paragraphs;
}

std::vector<BlockMatch> AlignParagraphs(const std::vector<std::string_view>& from,
                                        const std::vector<std::string_view>& to,
                                        const AlignOptions& options) {
  return Aligner(from, to, options).Align();
}

double ParagraphSimilarity(std::string_view a, std::string_view b) {
  Interner interner;
  Bags bags(&interner);
  const std::vector<std::string_view> from = {a};
  const std::vector<std::string_view> to = {b};
  std::vector<std::optional<Bag>> from_cache(1);
  std::vector<std::optional<Bag>> to_cache(1);
  return Dice(bags.Of(from, 0, &from_cache), bags.Of(to, 0, &to_cache));
}

}  // namespace strata::storage
