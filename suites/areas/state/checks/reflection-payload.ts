/** The markup sent as `state` with an unknown client: it must not come back unescaped in the error page. */
export const REFLECTION_MARKER = '<script>window.codeflowXss=1</script>'
export const REFLECTION_STATE = `codeflow"><img src=x onerror=alert(1)>${REFLECTION_MARKER}`
