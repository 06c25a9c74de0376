// Queries over the World model. Pure C++.
#include "world.hpp"

namespace atlas {

int World::country_index(const std::string& iso_a3) const {
    for (size_t i = 0; i < countries.size(); ++i)
        if (countries[i].iso_a3 == iso_a3) return static_cast<int>(i);
    return -1;
}

bool is_focus_country(const std::string& iso_a3) {
    for (const char* iso : {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG"})
        if (iso_a3 == iso) return true;
    return false;
}

int country_at(const ProjectedWorld& world, Vec2 map) {
    for (size_t i = 0; i < world.countries.size(); ++i)
        if (world.country_bounds[i].contains(map) && contains(world.countries[i], map)) return int(i);
    return -1;
}

const DetailLevel& ProjectedWorld::level_for(double metres_per_px) const {
    return levels[level_index(levels, metres_per_px)];
}

MultiPolygon level_shape(const ProjectedWorld& world, const DetailLevel& lv, size_t c) {
    if (lv.ring_kept.empty()) return world.countries[c];
    MultiPolygon out;
    size_t flag = world.ring_vertex_offset[c];
    for (const Polygon& poly : world.countries[c]) {
        Polygon p;
        bool outer_gone = false;
        for (const Ring& ring : poly.rings) {
            Ring r;
            for (const Vec2 v : ring)
                if (lv.ring_kept[flag++]) r.push_back(v);
            if (outer_gone) continue;  // the flags of a dropped polygon's holes are still passed over
            if (r.size() >= 3)
                p.rings.push_back(std::move(r));
            else if (p.rings.empty())
                outer_gone = true;
        }
        if (!p.rings.empty()) out.push_back(std::move(p));
    }
    return out;
}

}  // namespace atlas
