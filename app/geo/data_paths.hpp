// Where the atlas finds its data (an installed share/ca-atlas/, a build tree's geodata/, --data)
// and where it keeps the user's edits of the tour ($XDG_DATA_HOME/ca-atlas/). Depends on the
// standard library only: the environment is read by data_search_here, not by locate_data.
#pragma once

#include <string>
#include <vector>

#include "core/facts.hpp"
#include "core/tour.hpp"

namespace atlas {

// The folder name under share/ and under the XDG data folders.
inline constexpr const char* kDataFolderName = "ca-atlas";

// What locate_data looks at, read from the command line and the environment.
struct DataSearch {
    std::string given;          // --data DIR, or "" if not given
    std::string exe;            // the running program's own path (/proc/self/exe)
    std::string built;          // where the build wrote the program (compiled in)
    std::string source_data;    // the source tree's geodata/ (compiled in; read by the built program only)
    std::string xdg_data_dirs;  // $XDG_DATA_DIRS as set ("" if unset)
    std::string xdg_data_home;  // $XDG_DATA_HOME as set ("" if unset)
    std::string home;           // $HOME ("" if unset)
};

// Where the data is read from and where the tour's edits go.
struct DataPaths {
    std::string dir;        // the data folder: atlas.gpkg, article.json, the fact tables, the shipped tour
    std::string tour;       // the tour read: the user's edited copy where there is one, else dir/tour.csv
    std::string tour_save;  // where the tour editor and the presenter's drawings write ("" if nowhere)
    bool user_tour = false; // `tour` is the user's copy, layered over the shipped one
    bool shipped = false;   // `dir` was found, not given with --data: its checksums are checked
    std::string problem;    // why no data folder was found ("" when `dir` was found)

    // The shipped tour of the data folder (dir/tour.csv).
    std::string shipped_tour() const;
};

// Finds the data folder, in this order: --data DIR as given (the tour is read from and saved in
// DIR, whatever it holds); the program where the build wrote it reads its source tree's geodata/
// (and only there: a copied or installed program never reads the source tree); then
// <program's folder>/../share/ca-atlas; then ca-atlas/ under each folder of XDG_DATA_DIRS (default
// /usr/local/share:/usr/share). A folder counts when it holds atlas.gpkg. Without --data the tour's edits go to
// $XDG_DATA_HOME/ca-atlas/tour.csv ($HOME/.local/share when unset) and are read from there when that
// file exists. When no folder is found, `problem` names every place looked at.
DataPaths locate_data(const DataSearch& search);

// The search for this process: its own path, the compiled-in folders and the environment.
DataSearch data_search_here(const std::string& given, const std::string& built, const std::string& source_data);

// Makes the folder of `path` (and its parents) if missing, as `mkdir -p` would; throws OutputError
// naming the folder and the reason if it cannot.
void make_parent_folders(const std::string& path);

// Saves the tour's scenes to `path` as save_tour does (atomically, the previous file kept as .bak),
// making its folder first: the user's data folder may not exist yet. Throws OutputError, also for
// an empty path (no HOME and no XDG_DATA_HOME: nowhere to keep the user's edits).
void save_user_tour(const std::string& path, const std::vector<Scene>& scenes);

// Where the window keeps its panels' places, sizes and folds between sessions:
// $XDG_CONFIG_HOME/ca-atlas/layout.ini ($HOME/.config when unset; "" with neither set).
std::string layout_file_here();

// Writes `text` to `path` whole or not at all (a temporary file renamed over it), making its
// folder first. Throws OutputError naming the path and the reason.
void save_text_file(const std::string& path, const std::string& text);

// Goes back to the shipped tour: the user's copy at `user` is moved aside to `user`.bak (not
// deleted) and the scenes of `shipped` are returned, its unreadable records in `problems`.
// Throws OutputError if the user's copy cannot be moved.
std::vector<Scene> restore_shipped_tour(const std::string& user, const std::string& shipped,
                                        std::vector<DataProblem>& problems);

}  // namespace atlas
