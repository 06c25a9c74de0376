// The session's tour files: back to the shipped tour, the edits a signal kept last time, and
// keeping the unsaved edits when a signal ends the window.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/errors.hpp"
#include "geo/facts_load.hpp"
#include "session/session.hpp"

namespace atlas {

void Session::tour_requests() {
    const std::string& own = options_.data.tour_save;
    if (ui_.tour.request_shipped) {
        ui_.tour.request_shipped = false;
        try {
            std::vector<DataProblem> problems;
            model_->tour = restore_shipped_tour(own, options_.data.shipped_tour(), problems);
            // The user's tour's problems go with it; the shipped one's (if any) are listed.
            std::erase_if(model_->problems, [&](const DataProblem& p) { return p.at.file == own; });
            model_->problems.insert(model_->problems.end(), problems.begin(), problems.end());
            list_problems();
            notes_.clear();
            ui_.tour.using_own = ui_.tour.unsaved = ui_.tour.failed = false;
            ui_.tour.ink_scenes = 0;
            ui_.tour.current.reset();
            ui_.tour.message = "The shipped tour again; your edited tour is kept as " + own + ".bak";
        } catch (const std::exception& e) {
            ui_.tour.message = e.what();
            ui_.tour.failed = true;
        }
    }
    if (!ui_.tour.request_recovered_open && !ui_.tour.request_recovered_discard) return;
    const std::string kept = ui_.tour.recovered;
    try {
        if (ui_.tour.request_recovered_open) {
            std::vector<DataProblem> problems;
            auto scenes = load_tour_file(kept, problems);
            // A file that does not read back whole replaces nothing and is kept.
            if (!problems.empty() || scenes.empty())
                throw DataError("the recovered edits in " + kept + " could not be read (" +
                                (problems.empty() ? std::string("no scenes") : problems.front().str()) +
                                "); the file is kept");
            model_->tour = std::move(scenes);
            notes_.clear();
            ui_.tour.current.reset();
            ui_.tour.unsaved = true;  // in memory until saved; a signal keeps it again
            ui_.tour.open = true;
            ui_.tour.message = "The recovered edits are open; Save writes them to " + own;
        }
        std::filesystem::remove(kept);
    } catch (const std::exception& e) {
        ui_.tour.message = e.what();
        ui_.tour.failed = true;
    }
    ui_.tour.recovered.clear();
    ui_.tour.request_recovered_open = ui_.tour.request_recovered_discard = false;
}

void Session::ended_by_signal() {
    const std::string keep = recovery_path(options_.data.tour_save);
    if (!model_ || !ui_.tour.unsaved || keep.empty()) return;
    try {
        make_parent_folders(keep);
        save_tour(keep, model_->tour);
        std::fprintf(stderr, "ca-atlas: ended by a signal; the tour's unsaved edits are kept in %s\n", keep.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ca-atlas: ended by a signal; the tour's unsaved edits are lost: %s\n", e.what());
    }
}

}  // namespace atlas
