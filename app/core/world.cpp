// Queries over the World model. Pure C++.
#include "world.hpp"

namespace atlas {

int World::country_index(const std::string& iso_a3) const {
    for (size_t i = 0; i < countries.size(); ++i)
        if (countries[i].iso_a3 == iso_a3) return static_cast<int>(i);
    return -1;
}

}  // namespace atlas
