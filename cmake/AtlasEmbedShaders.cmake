# atlas_embed_shaders(TARGET <name> OUTPUT <header> SOURCES <files...>)
# Generates, in the build tree, a header holding each shader file as a string constant
# `kShader_<stem>_<ext>` (fill.vert -> kShader_fill_vert). Regenerated when a shader changes.
function(atlas_embed_shaders)
  cmake_parse_arguments(ARG "" "TARGET;OUTPUT" "SOURCES" ${ARGN})
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} "-DSOURCES=${ARG_SOURCES}"
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/AtlasEmbedShadersScript.cmake
    DEPENDS ${ARG_SOURCES} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/AtlasEmbedShadersScript.cmake
    COMMENT "Embedding shaders into ${ARG_OUTPUT}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE ${ARG_OUTPUT})
  get_filename_component(dir ${ARG_OUTPUT} DIRECTORY)
  target_include_directories(${ARG_TARGET} PRIVATE ${dir})
endfunction()
