// Membership overlays: each country's standing in the CSTO family (the CST until 2002, then the
// CSTO) and in the SCO family (the Shanghai Five from 1996, the SCO from 2001) on a date, how the
// map paints it, and the legend of what is visible. Pure C++.
#pragma once

#include <string>
#include <vector>

#include "facts.hpp"
#include "style.hpp"
#include "world.hpp"

namespace atlas {

struct Standing {
    Status csto = Status::None;  // in the CSTO family's organisation of the day
    Status sco = Status::None;   // in the SCO family's organisation of the day
    friend bool operator==(const Standing&, const Standing&) = default;
};

struct Overlay {
    Date date;
    const Organisation* csto_org = nullptr;  // the CST or the CSTO that day (null: none yet)
    const Organisation* sco_org = nullptr;   // the Shanghai Five or the SCO (null before 1996-04-26)
    std::vector<Standing> countries;         // one per World::countries entry
};

// The family's organisation on `day`: the root (cst, shanghai5) or a successor, whose
// [from, until) contains the day; null if the family does not exist yet.
const Organisation* family_organisation(const Facts& facts, const std::string& root, const Date& day);

Overlay overlay_on(const Facts& facts, const World& world, const Date& day);

// The fill for a CSTO-family status and the pattern for an SCO-family status.
Rgba csto_fill(Status s, const OverlayStyle& style);
Hatch sco_hatch(Status s);
// The pattern's line width across the lines (or the dots' radius), in pixels, for a pattern that
// repeats every period_px along x and y: wide lines for members, thin ones for observers and
// partners, dots for dialogue partners. The screen and the vector exports draw with it.
double hatch_width_px(Hatch kind, double period_px);

// What the renderer draws for each country: fill colour, and the hatch colour with the Hatch
// kind in its alpha channel.
struct OverlayPaint {
    std::vector<Rgba> fill;
    std::vector<Rgba> hatch;
};
OverlayPaint overlay_paint(const Overlay& overlay, const OverlayStyle& style);

// One row of the legend: a swatch (fill and hatch) and what it means.
struct LegendEntry {
    std::string label;  // "CSTO member", "SCO observer", "in both", "in neither"
    Rgba fill;
    Hatch hatch = Hatch::None;
    friend bool operator==(const LegendEntry&, const LegendEntry&) = default;
};

// The classes shown by the countries in `visible` (indices into World::countries), in a fixed
// order: the CSTO family's statuses, the SCO family's, then "in both" and "in neither" when a
// visible country is so. Nothing else: a legend lists exactly what the map shows.
std::vector<LegendEntry> legend(const Overlay& overlay, const std::vector<int>& visible, const OverlayStyle& style);

}  // namespace atlas
