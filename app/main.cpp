// ca-atlas: finds the data and runs the mode the command line chose, mapping failures to exit codes.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "command_line.hpp"
#include "geo/data_paths.hpp"
#include "modes.hpp"
#include "platform/child.hpp"

#if !defined(ATLAS_SOURCE_DATA_DIR) || !defined(ATLAS_BUILT_PROGRAM) || !defined(ATLAS_VERSION)
#error "ATLAS_SOURCE_DATA_DIR, ATLAS_BUILT_PROGRAM and ATLAS_VERSION must be defined by the build"
#endif

namespace {

// --export-video: ca-atlas-video, from this program's folder, in this process's place with the
// same arguments (it alone links FFmpeg, whose libraries would slow every start of this one);
// returns, having said why, only if it cannot be run.
int run_video_program(char** argv) {
    const std::string helper = (std::filesystem::path(atlas::own_program_path()).parent_path() / "ca-atlas-video").string();
    argv[0] = const_cast<char*>(helper.c_str());
    ::execv(helper.c_str(), argv);
    std::fprintf(stderr, "ca-atlas: cannot write the video: %s cannot be run (%s); it is installed beside ca-atlas\n",
                 helper.c_str(), std::strerror(errno));
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace atlas;
    CommandLine cl = parse_command_line(argc, argv, ATLAS_VERSION);
    std::fputs(cl.out.c_str(), stdout);
    std::fputs(cl.error.c_str(), stderr);
    if (cl.exit_code) return *cl.exit_code;
    Options& o = cl.options;
    o.data = locate_data(data_search_here(cl.check_dir.empty() ? cl.data_given : cl.check_dir, ATLAS_BUILT_PROGRAM,
                                          ATLAS_SOURCE_DATA_DIR));
    const bool window = !cl.check && !cl.bench && o.export_tour.empty() && o.export_path.empty() && o.export_quiz.empty() &&
                        o.export_video.empty() && o.export_facts.empty();
    if (!o.data.problem.empty() && !window) {  // the window shows it and stays open
        std::fprintf(stderr, "ca-atlas: %s\n", o.data.problem.c_str());
        return 1;
    }
    if (cl.check) return run_check_data(o.data);
    if (cl.bench) return cl.bench_vs.empty() ? run_bench(o, argv[0]) : run_bench_vs(o, argv[0], cl.bench_vs);
    if (!o.export_tour.empty()) return run_export_tour(o);
    if (!o.export_quiz.empty()) return run_export_quiz(o);
    if (!o.export_facts.empty()) return run_export_facts(o);
    if (!o.export_video.empty()) return run_video_program(argv);
    if (!o.export_path.empty()) return run_export(o);
    return run_window(o);
}
