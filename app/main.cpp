// ca-atlas: finds the data and runs the mode the command line chose, mapping failures to exit codes.
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
    o.data = locate_data(data_search_here(cl.check_dir.empty() ? cl.data_given : cl.check_dir, ATLAS_BUILT_PROGRAM,
                                          ATLAS_SOURCE_DATA_DIR));
    const bool window = !cl.check && !cl.bench && o.export_tour.empty() && o.export_path.empty() && o.export_quiz.empty() &&
                        o.export_video.empty();
    if (!o.data.problem.empty() && !window) {  // the window shows it and stays open
        std::fprintf(stderr, "ca-atlas: %s\n", o.data.problem.c_str());
        return 1;
    }
    if (cl.check) return run_check_data(o.data);
    if (cl.bench) return cl.bench_vs.empty() ? run_bench(o, argv[0]) : run_bench_vs(o, argv[0], cl.bench_vs);
    if (!o.export_tour.empty()) return run_export_tour(o);
    if (!o.export_quiz.empty()) return run_export_quiz(o);
    if (!o.export_video.empty()) return run_export_video(o);
    if (!o.export_path.empty()) return run_export(o);
    return run_window(o);
}
