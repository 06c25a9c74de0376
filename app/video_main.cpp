// ca-atlas-video: the video mode of ca-atlas (`ca-atlas --export-video` runs it in its place). A
// program of its own so that FFmpeg's libraries, which only the video needs, are loaded only here.
#include <cstdio>
#include <string>

#include "command_line.hpp"
#include "geo/data_paths.hpp"
#include "modes.hpp"

#if !defined(ATLAS_SOURCE_DATA_DIR) || !defined(ATLAS_BUILT_PROGRAM) || !defined(ATLAS_VERSION)
#error "ATLAS_SOURCE_DATA_DIR, ATLAS_BUILT_PROGRAM and ATLAS_VERSION must be defined by the build"
#endif

int main(int argc, char** argv) {
    using namespace atlas;
    CommandLine cl = parse_command_line(argc, argv, ATLAS_VERSION);
    std::fputs(cl.out.c_str(), stdout);
    std::fputs(cl.error.c_str(), stderr);
    if (cl.exit_code) return *cl.exit_code;
    Options& o = cl.options;
    if (o.export_video.empty()) {
        std::fprintf(stderr, "ca-atlas-video: writes the tour as a video: give --export-video FILE (ca-atlas --help)\n");
        return 2;
    }
    o.data = locate_data(data_search_here(cl.data_given, ATLAS_BUILT_PROGRAM, ATLAS_SOURCE_DATA_DIR));
    if (!o.data.problem.empty()) {
        std::fprintf(stderr, "ca-atlas: %s\n", o.data.problem.c_str());
        return 1;
    }
    return run_export_video(o);
}
