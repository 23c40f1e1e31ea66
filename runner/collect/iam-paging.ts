// IAM list calls return 100 items a page unless asked for more; 1,000 is the most they allow
// (MaxItems), so large accounts are read in ten times fewer calls.
export const IAM_MAX_ITEMS = 1000;
