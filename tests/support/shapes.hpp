// Shapes whose answers are known by construction, for the core's tests. Header only: the core's
// suite links the core alone.
#pragma once

#include "core/geometry.hpp"

namespace atlas::test {

inline Ring square(double x0, double y0, double side) {
    return {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}};
}

}  // namespace atlas::test
