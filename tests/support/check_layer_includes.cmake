# Fails if any file in DIR includes a library matching FORBIDDEN (a regular expression): the
# foreign libraries a layer must not depend on. The layers' own arrows are held by the build
# (app/CMakeLists.txt: each layer's include root is seen only by the targets that link it).
file(GLOB files ${DIR}/*.hpp ${DIR}/*.cpp)
set(bad "")
foreach(f IN LISTS files)
  file(STRINGS ${f} lines REGEX "^#include")
  foreach(l IN LISTS lines)
    if(l MATCHES "${FORBIDDEN}")
      list(APPEND bad "${f}: ${l}")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "${DIR} includes a library its layer must not depend on:\n${bad}")
endif()
list(LENGTH files n)
message(STATUS "checked ${n} files in ${DIR}")
