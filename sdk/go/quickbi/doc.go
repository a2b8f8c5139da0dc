// Declare employee offboarding from Alibaba Cloud Quick BI: WithdrawAllUserGroups with a preview of who leaves which groups, an audit record and drift detection.
package quickbi
