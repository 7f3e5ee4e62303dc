/** Cards per page on the home page: two screens of cards, one quick request. Read by the page and the benchmark. */
export const PAGE_SIZE = 24;
