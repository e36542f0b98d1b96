# kcap_bpf_skeleton(<target> SOURCE <x.bpf.c> OBJECT <x.bpf.o> SKELETON <x.skel.h>
#                   NAME <skeleton name> INCLUDES <dirs>... DEPENDS <files>...)
# Compiles a CO-RE BPF program with clang and generates its libbpf skeleton
# (bpftool gen skeleton), so the object is embedded in the binary that includes
# the header. <target> builds the skeleton. Warnings are errors with KCAP_WERROR.
function(kcap_bpf_skeleton target)
  cmake_parse_arguments(A "" "SOURCE;OBJECT;SKELETON;NAME" "INCLUDES;DEPENDS" ${ARGN})
  list(TRANSFORM A_INCLUDES PREPEND -I)
  set(werror "")
  if(KCAP_WERROR)
    set(werror -Werror)
  endif()
  add_custom_command(OUTPUT ${A_OBJECT}
    COMMAND ${CLANG} -g -O2 -target bpf -D__TARGET_ARCH_x86 -mcpu=v3
            -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers ${werror}
            ${A_INCLUDES} -c ${A_SOURCE} -o ${A_OBJECT}
    DEPENDS ${A_SOURCE} ${A_DEPENDS}
    COMMENT "BPF: compiling ${A_SOURCE}")
  add_custom_command(OUTPUT ${A_SKELETON}
    COMMAND ${BPFTOOL} gen skeleton ${A_OBJECT} name ${A_NAME} > ${A_SKELETON}.tmp
    COMMAND ${CMAKE_COMMAND} -E rename ${A_SKELETON}.tmp ${A_SKELETON}
    DEPENDS ${A_OBJECT}
    COMMENT "BPF: generating ${A_NAME}'s skeleton")
  add_custom_target(${target} DEPENDS ${A_SKELETON})
endfunction()
