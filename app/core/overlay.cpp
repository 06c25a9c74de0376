#include "overlay.hpp"

#include <algorithm>
#include <array>

namespace atlas {

const Organisation* family_organisation(const Facts& facts, const std::string& root, const Date& day) {
    const Organisation* o = facts.organisation(root);
    for (int guard = 0; o && guard < 8; ++guard) {
        if (day < o->from) return nullptr;
        if (!o->until || day < *o->until) return o;
        o = facts.organisation(o->successor);
    }
    return nullptr;
}

Overlay overlay_on(const Facts& facts, const World& world, const Date& day) {
    Overlay out;
    out.date = day;
    out.csto_org = family_organisation(facts, "cst", day);
    out.sco_org = family_organisation(facts, "shanghai5", day);
    out.countries.resize(world.countries.size());
    for (size_t i = 0; i < world.countries.size(); ++i) {
        const std::string& iso = world.countries[i].iso_a3;
        if (out.csto_org) out.countries[i].csto = facts.status_on(out.csto_org->id, iso, day);
        if (out.sco_org) out.countries[i].sco = facts.status_on(out.sco_org->id, iso, day);
    }
    return out;
}

Rgba csto_fill(Status s, const OverlayStyle& style) {
    switch (s) {
        case Status::Member:
            return style.csto_member;
        case Status::Frozen:
            return style.csto_frozen;
        case Status::Suspended:
            return style.csto_suspended;
        default:
            return style.neither;
    }
}

Hatch sco_hatch(Status s) {
    switch (s) {
        case Status::Member:
            return Hatch::Dense;
        case Status::Observer:
            return Hatch::Sparse;
        case Status::DialoguePartner:
            return Hatch::Dots;
        case Status::Partner:
            return Hatch::Cross;
        default:
            return Hatch::None;
    }
}

OverlayPaint overlay_paint(const Overlay& overlay, const OverlayStyle& style) {
    OverlayPaint p;
    for (const auto& c : overlay.countries) {
        p.fill.push_back(csto_fill(c.csto, style));
        Rgba h = style.hatch;
        h.a = std::uint8_t(sco_hatch(c.sco));
        p.hatch.push_back(h);
    }
    return p;
}

std::vector<LegendEntry> legend(const Overlay& overlay, const std::vector<int>& visible, const OverlayStyle& style) {
    std::vector<LegendEntry> out;
    auto any = [&](auto pred) {
        return std::any_of(visible.begin(), visible.end(), [&](int i) {
            return i >= 0 && size_t(i) < overlay.countries.size() && pred(overlay.countries[size_t(i)]);
        });
    };
    const std::string csto = overlay.csto_org ? overlay.csto_org->abbreviation : "";
    const std::string sco = overlay.sco_org ? overlay.sco_org->abbreviation : "";
    for (Status s : {Status::Member, Status::Frozen, Status::Suspended})
        if (any([&](const Standing& c) { return c.csto == s; }))
            out.push_back({csto + " " + status_label(s), csto_fill(s, style), Hatch::None});
    for (Status s : {Status::Member, Status::Observer, Status::DialoguePartner, Status::Partner})
        if (any([&](const Standing& c) { return c.sco == s; }))
            out.push_back({sco + " " + status_label(s), style.neither, sco_hatch(s)});
    if (any([](const Standing& c) { return c.csto != Status::None && c.sco != Status::None; }))
        out.push_back({"in both: " + csto + " fill and " + sco + " pattern", style.csto_member, Hatch::Dense});
    if (any([](const Standing& c) { return c.csto == Status::None && c.sco == Status::None; })) {
        std::string none = "in neither";
        if (csto.empty() && sco.empty()) none = "no organisation yet";
        out.push_back({none, style.neither, Hatch::None});
    }
    return out;
}

double hatch_width_px(Hatch kind, double period) {
    const double gap = period * 0.70710678;  // between diagonal lines, across them
    switch (kind) {
        case Hatch::Dense: return gap * 0.42;
        case Hatch::Sparse: return std::max(gap * 0.18, 1.0);  // at least a pixel, or it fades away
        case Hatch::Cross: return std::max(gap * 0.16, 1.0);
        case Hatch::Dots: return period * 0.2;
        case Hatch::None: break;
    }
    return 0;
}

}  // namespace atlas
