// The checks the tests that run the program share (cli.hpp).
#include "cli.hpp"

#include <gdal_priv.h>

#include <filesystem>
#include <iterator>

namespace atlas::test {

namespace fs = std::filesystem;

size_t Cli::entries(const std::string& folder) {
    return size_t(std::distance(fs::directory_iterator(folder), fs::directory_iterator{}));
}

void Cli::expect_one_line(const RunResult& r, const std::string& message) {
    EXPECT_EQ(r.err, "ca-atlas: " + message + "\n");
    EXPECT_TRUE(r.out.empty()) << r.out;
}

size_t Cli::pdf_pages(const std::string& path) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return 0;
    size_t pages = 0;
    for (char** md = ds->GetMetadata("SUBDATASETS"); md && *md; ++md)
        if (std::string(*md).find("_NAME=") != std::string::npos) ++pages;
    return pages == 0 ? 1 : pages;
}

const std::vector<std::string> Cli::kNoGl{"__EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent/egl_vendor.json",
                                          "__EGL_VENDOR_LIBRARY_DIRS=/nonexistent"};

}  // namespace atlas::test
