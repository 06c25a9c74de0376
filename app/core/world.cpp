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

}  // namespace atlas
