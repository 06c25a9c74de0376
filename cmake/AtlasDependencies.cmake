# Every third-party dependency of ca-atlas, found as imported targets from Debian 12's packages.
# The package names to install are listed in cmake/packages.txt (kept in step with this file).
find_package(GDAL 3.6 CONFIG REQUIRED)          # libgdal-dev: GDAL::GDAL
find_package(PROJ 9 CONFIG REQUIRED)            # libproj-dev: PROJ::proj
find_package(SDL2 CONFIG REQUIRED)              # libsdl2-dev: SDL2::SDL2
find_package(CLI11 CONFIG REQUIRED)             # libcli11-dev: CLI11::CLI11
find_package(Freetype REQUIRED)                 # libfreetype-dev: Freetype::Freetype (map labels)
find_package(nlohmann_json 3 CONFIG REQUIRED)   # nlohmann-json3-dev: the article (geodata/article.json)
find_package(ZLIB REQUIRED)                     # zlib1g-dev: ZLIB::ZLIB (the geometry cache's checksum)
find_package(PNG REQUIRED)                      # libpng-dev: PNG::PNG (streamed PNG export)
find_package(OpenGL REQUIRED COMPONENTS OpenGL EGL)   # libopengl-dev, libgl-dev, libegl-dev
find_package(X11 REQUIRED)                      # libx11-dev: the desktop's DPI setting (Xft.dpi)
if(ATLAS_BUILD_TESTS AND NOT TARGET X11::Xtst)   # libxtst-dev: the tests move the X server's pointer
  message(FATAL_ERROR "The tests need libXtst (apt-get install libxtst-dev), or configure with -DATLAS_BUILD_TESTS=OFF")
endif()
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(EPOXY REQUIRED IMPORTED_TARGET epoxy)   # libepoxy-dev: GL function loading
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)   # libimgui-dev 1.86 (backends included)
find_package(LibXml2 REQUIRED)                  # libxml2-dev: LibXml2::LibXml2 (SVG export)
find_package(Fontconfig REQUIRED)               # libfontconfig-dev: the fonts and their fallbacks (text/)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)   # libharfbuzz-dev: text shaping (text/)
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)   # nettle-dev: SHA-256 of the shipped data (geo/checksum)
find_package(ICU REQUIRED COMPONENTS uc)        # libicu-dev: ICU::uc, the bidi algorithm and search's folding (text/)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo cairo-pdf cairo-ft)   # libcairo2-dev: PDF export
pkg_check_modules(GLIB REQUIRED IMPORTED_TARGET glib-2.0)   # libglib2.0-dev: the desktop's Pictures folder
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)   # libqpdf-dev: the PDF export's layers
# libavcodec-dev, libavformat-dev, libswscale-dev (libavutil-dev with them): the tour as a video,
# H.264 (libx264) in MP4.
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavcodec libavformat libswscale libavutil)
