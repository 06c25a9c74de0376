// What every parsed command line must hold, whatever its words: the fuzz targets of the command
// line and of the view recorded in a PNG both check it.
#pragma once

#include <cmath>
#include <string>

#include "command_line.hpp"
#include "core/timeline.hpp"
#include "fuzz_support.hpp"

namespace atlas::fuzz {

inline void check_command_line(const CommandLine& cl) {
    if (cl.exit_code) {
        if (*cl.exit_code != 0 && *cl.exit_code != 2) property_failed("exit code " + std::to_string(*cl.exit_code));
        if (*cl.exit_code == 2 && (cl.error.empty() || cl.error.back() != '\n'))
            property_failed("a bad argument without a message line: '" + cl.error + "'");
        return;
    }
    const Options& o = cl.options;
    const View& v = o.view;
    if (!(std::abs(v.lon) <= 180 && std::abs(v.lat) <= 90 && v.height_km > 0 && std::isfinite(v.height_km)))
        property_failed("a view out of range was accepted");
    if (o.date < kTimelineStart || o.date > kTimelineEnd) property_failed("a day off the timeline was accepted");
    if (o.width < 0 || o.width > 65536 || o.height < 0 || o.height > 65536) property_failed("an impossible size was accepted");
    if (o.present < 0) property_failed("a negative scene was accepted");
    if (o.dpi != 0 && !(o.dpi >= 72 && o.dpi <= 1200)) property_failed("a resolution out of range was accepted");
    if (o.scale && !(*o.scale >= 0.1f && *o.scale <= 20.0f)) property_failed("a scale out of range was accepted");
    if (!(o.flight_seconds >= 0.3 && o.flight_seconds <= 5.0)) property_failed("a flight time out of range was accepted");
}

}  // namespace atlas::fuzz
