package id.go.prakerja.registration.wave;

import id.go.prakerja.events.registration.JobStatus;

/** A group an operator may put ahead of others in a wave, in the order the rules are listed. */
public enum PriorityRule {
    LAID_OFF_FIRST(JobStatus.LAID_OFF),
    JOB_SEEKERS_FIRST(JobStatus.JOB_SEEKER),
    MICRO_SMALL_BUSINESS_FIRST(JobStatus.MICRO_SMALL_BUSINESS);

    private final JobStatus group;

    PriorityRule(JobStatus group) {
        this.group = group;
    }

    /** 0 for the first listed rule the applicant matches, 1 for the second, ...; rules.size() when none. */
    public static int priorityOf(java.util.List<PriorityRule> rules, JobStatus jobStatus) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).group == jobStatus) {
                return i;
            }
        }
        return rules.size();
    }
}
