# Installing the atlas like a Linux program, and its Debian package (CPack). Under the prefix:
#   bin/ca-atlas                                the program
#   share/ca-atlas/                             the data it reads (found relative to bin/, see
#                                               app/geo/data_paths.hpp)
#   share/applications/ca-atlas.desktop         the desktop entry
#   share/icons/hicolor/{scalable,NxN}/apps/    the icon, drawn by the atlas from its own map
#   share/man/man1/ca-atlas.1.gz                the manual page, made from --help by help2man
# The icons and the manual page are made at build time by running the program (the PNG icons
# through EGL, as any export), so ATLAS_DESKTOP_FILES is off in the sanitizer build, which is
# never installed.
include(GNUInstallDirs)

option(ATLAS_DESKTOP_FILES "Make the icons and the manual page at build time (needed to install)" ON)

# The data as shipped: the map, the article, the fact tables, the tour, and their documentation
# (geodata/README.md: every table's sources). The scripts that rebuild them stay in the source.
set(ATLAS_DATA_FILES
  atlas.gpkg article.json tour.csv README.md SHA256SUMS
  organisations.csv memberships.csv places.csv regions.csv aliases.csv links.csv notes.csv capitals.csv
  names.csv border_lengths.csv control.csv)
list(TRANSFORM ATLAS_DATA_FILES PREPEND "${ATLAS_GEODATA_DIR}/")

install(TARGETS ca-atlas ca-atlas-video RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${ATLAS_DATA_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/ca-atlas)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/package/ca-atlas.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)

if(ATLAS_DESKTOP_FILES)
  find_program(HELP2MAN help2man REQUIRED)   # help2man
  find_program(GZIP gzip REQUIRED)
  set(out ${PROJECT_BINARY_DIR}/desktop)
  # The icon: Central Asia with the day's CSTO and SCO colours and Afghanistan's northern border
  # in red, from the shipped data at the article's date. Sizes of 64 px and less show the
  # countries' own palette instead: the membership patterns are finer than their pixels there.
  set(icon_view --data ${ATLAS_GEODATA_DIR} --view 67,40,2200 --date 2012-12-31)
  set(icon_outputs ${out}/scalable/ca-atlas.svg)
  set(icon_commands COMMAND ca-atlas ${icon_view} --layers countries,memberships,northern_border
                            --size 256x256 --scale 2.5 --export ${out}/scalable/ca-atlas.svg)
  # Each size with its line and text scale: 2.5 times a 1080-line screen's at 256 px and in
  # proportion at other sizes, but never under 0.3 (the thinnest line that still reads).
  foreach(size_scale 16:0.3 24:0.3 32:0.31 48:0.47 64:0.63 128:1.25 256:2.5 512:5)
    string(REPLACE ":" ";" pair ${size_scale})
    list(GET pair 0 size)
    list(GET pair 1 scale)
    if(size LESS_EQUAL 64)
      set(layers countries,northern_border)
    else()
      set(layers countries,memberships,northern_border)
    endif()
    list(APPEND icon_outputs ${out}/${size}x${size}/ca-atlas.png)
    list(APPEND icon_commands COMMAND ca-atlas ${icon_view} --layers ${layers} --size ${size}x${size}
                              --scale ${scale} --export ${out}/${size}x${size}/ca-atlas.png)
    install(FILES ${out}/${size}x${size}/ca-atlas.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  set(icon_dirs)
  foreach(o ${icon_outputs})
    get_filename_component(d ${o} DIRECTORY)
    list(APPEND icon_dirs ${d})
  endforeach()
  add_custom_command(OUTPUT ${icon_outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${icon_dirs}
    ${icon_commands}
    DEPENDS ca-atlas ${ATLAS_DATA_FILES}
    COMMENT "Drawing the atlas's icon" VERBATIM)
  install(FILES ${out}/scalable/ca-atlas.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

  add_custom_command(OUTPUT ${out}/ca-atlas.1.gz
    COMMAND ${HELP2MAN} --no-info --section=1
            "--name=an offline map of Central Asia's security organisations (CSTO, SCO)"
            --output=${out}/ca-atlas.1 $<TARGET_FILE:ca-atlas>
    COMMAND ${GZIP} -9 -n -f ${out}/ca-atlas.1
    DEPENDS ca-atlas
    COMMENT "Making the manual page from --help" VERBATIM)
  install(FILES ${out}/ca-atlas.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

  add_custom_target(desktop_files ALL DEPENDS ${icon_outputs} ${out}/ca-atlas.1.gz)
endif()

# The Debian package: cpack --preset package (see CMakePresets.json) writes
# ca-atlas_<version>_amd64.deb, its library dependencies computed by dpkg-shlibdeps (dpkg-dev,
# and `file`, which CPack runs to find the binaries).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ca-atlas)
set(CPACK_PACKAGE_VENDOR "The ca-atlas developers")
set(CPACK_PACKAGE_CONTACT "The ca-atlas developers <ca-atlas@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline story map of security in Central Asia (CSTO, SCO)")
set(CPACK_PACKAGE_DESCRIPTION
  "The Central Asia Security Atlas shows the region's borders, CSTO and SCO membership on any day \
from 1992 to 2026, the Kant airbase, exercise sites, the organisations' seats and treaty venues, \
and Afghanistan's northern border, beside the article it illustrates (A. Iskandarov, Security and \
Integration in Central Asia: The CSTO and SCO, Central Asia and the Caucasus, 2013), each fact with its \
source. It presents on a projector and exports PNG, GeoTIFF, SVG and PDF figures, with no network.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Beyond the libraries it links: the labels' font and the one fontconfig finds for Chinese; the GL
# dispatchers that libepoxy and SDL open at run time (libEGL.so.1, libGL.so.1), which no linked
# library names; and Mesa's EGL and drivers (llvmpipe draws exports on machines with no GPU).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-wqy-microhei, libegl1, libgl1, libegl-mesa0, libgl1-mesa-dri")
# The export's "Open folder" asks xdg-open for the desktop's file manager.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")
include(CPack)
