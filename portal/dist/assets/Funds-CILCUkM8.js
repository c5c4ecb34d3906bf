const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/BudgetChart-WUqeLB-N.js","assets/useTranslation-BHcLAHjw.js","assets/jsx-runtime-Wy9s6hX0.js","assets/shim-DunLBOUm.js","assets/BarChart-CRsyKOLr.js","assets/CartesianChart-Dz-aat45.js","assets/index-Bfgpyg1k.js","assets/chunk-YDNE64FV--Sw1qjUD.js","assets/i18n-BgWxpsqd.js","assets/usePageTitle-CUEgSYxO.js","assets/cursor-CZCaa-Du.js","assets/session-DrZIn_qb.js","assets/viewer-BCh4hgTe.js","assets/States-Fx22-PiY.js","assets/format-B5R3HS_1.js","assets/incentive-DFARsnoZ.js","assets/preload-helper-7y9sWmk5.js","assets/Pager-DAfnWMpG.js","assets/localName-OkrEYGri.js","assets/kpiText-C_RFCoPj.js","assets/index-Cx2iJB_S.css","assets/ErrorBarContext-DAlvFDB1.js","assets/Symbols-DVA7gs2d.js"])))=>i.map(i=>d[i]);
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,t as l,u}from"./usePageTitle-CUEgSYxO.js";import{t as d}from"./viewer-BCh4hgTe.js";import{t as f}from"./Pager-DAfnWMpG.js";import{n as p,r as m,t as h}from"./States-Fx22-PiY.js";import{r as g,t as _}from"./format-B5R3HS_1.js";import{h as v,m as y,p as b}from"./index-Bfgpyg1k.js";import{t as x}from"./preload-helper-7y9sWmk5.js";var S=e(t(),1),C=[`SUBMITTED`,`APPROVED`,`PARTIALLY_APPROVED`,`REJECTED`];c(`
  fragment FundClaimFields on FundClaim {
    id
    number
    status
    activity
    activityOn
    amount
    approvedAmount
    description
    attachments
    attachmentFiles {
      ...AttachmentFields
    }
    decisionNote
    version
    submittedAt
    submittedByName
    decidedByName
    allowedActions
    fund {
      id
      name
      period
    }
    dealer {
      id
      code
      name
    }
    creditNote {
      id
      number
      amount
    }
  }
`);var w=c(`
  query FundBudgets {
    fundBudgets(first: 50) {
      totalCount
      edges {
        node {
          id
          budget
          netInvoiced
          approved
          pending
          remaining
          fund {
            id
            name
            description
            period
            budgetKind
            budgetBasisPoints
          }
        }
      }
    }
  }
`),T=c(`
  query FundClaims($statuses: [FundClaimStatus!], $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
    fundClaims(statuses: $statuses, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...FundClaimFields
        }
      }
    }
  }
`),E=c(`
  mutation ClaimMarketingFund($input: ClaimMarketingFundInput!) {
    claimMarketingFund(input: $input) {
      ...FundClaimFields
    }
  }
`),D=c(`
  mutation ApproveFundClaim($id: ID!, $amount: Money, $note: String, $expectedVersion: Int) {
    approveFundClaim(id: $id, amount: $amount, note: $note, expectedVersion: $expectedVersion) {
      ...FundClaimFields
    }
  }
`),O=c(`
  mutation RejectFundClaim($id: ID!, $note: String!, $expectedVersion: Int) {
    rejectFundClaim(id: $id, note: $note, expectedVersion: $expectedVersion) {
      ...FundClaimFields
    }
  }
`),k=n(),A=(0,S.lazy)(()=>x(()=>import(`./BudgetChart-WUqeLB-N.js`),__vite__mapDeps([0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22]))),j=`funds.refused`,M=20;function N(e){return!!e&&C.includes(e)}function P(){let{t:e}=i(),[{data:t}]=d(),n=!!t&&t.me.role!==`DEALER`,r=e(n?`funds.deskTitle`:`funds.title`);l(r);let[a,o]=(0,S.useState)(0);return t?(0,k.jsxs)(`section`,{"aria-labelledby":`funds-title`,children:[(0,k.jsx)(`div`,{className:`page-head`,children:(0,k.jsx)(`h1`,{id:`funds-title`,children:r})}),(0,k.jsx)(`p`,{className:`lead`,children:e(n?`funds.deskIntro`:`funds.intro`)}),!n&&(0,k.jsx)(F,{onClaimed:()=>o(e=>e+1)}),(0,k.jsx)(L,{staff:n,claimed:a})]}):(0,k.jsx)(m,{})}function F({onClaimed:e}){let{t,i18n:n}=i(),[{data:r,error:a,fetching:o},s]=u({query:w}),[c,l]=(0,S.useState)(null),d=()=>s({requestPolicy:`network-only`});if(o&&!r)return(0,k.jsx)(m,{});if(a&&!r)return(0,k.jsx)(p,{error:a,onRetry:d});let f=r?.fundBudgets.edges?.flatMap(e=>e?.node?[e.node]:[])??[];if(!f.length)return(0,k.jsx)(h,{children:t(`funds.noBudgets`)});let _=e=>g(e,n.language);return(0,k.jsxs)(`section`,{"aria-labelledby":`funds-budgets`,className:`card`,children:[(0,k.jsx)(`h2`,{id:`funds-budgets`,children:t(`funds.budgets`)}),(0,k.jsx)(S.Suspense,{fallback:(0,k.jsx)(m,{}),children:(0,k.jsx)(A,{rows:f.map(e=>({fund:`${e.fund.name} ${e.fund.period}`,approved:Number(e.approved),pending:Number(e.pending),remaining:Number(e.remaining)}))})}),(0,k.jsxs)(`table`,{className:`table funds-table`,children:[(0,k.jsx)(`thead`,{children:(0,k.jsxs)(`tr`,{children:[(0,k.jsx)(`th`,{scope:`col`,children:t(`funds.fund`)}),(0,k.jsx)(`th`,{scope:`col`,children:t(`funds.period`)}),(0,k.jsx)(`th`,{scope:`col`,className:`num`,children:t(`funds.budget`)}),(0,k.jsx)(`th`,{scope:`col`,className:`num`,children:t(`funds.approved`)}),(0,k.jsx)(`th`,{scope:`col`,className:`num`,children:t(`funds.pending`)}),(0,k.jsx)(`th`,{scope:`col`,className:`num`,children:t(`funds.remaining`)}),(0,k.jsx)(`th`,{scope:`col`})]})}),(0,k.jsx)(`tbody`,{children:f.map(e=>(0,k.jsxs)(`tr`,{"data-fund":e.fund.name,children:[(0,k.jsxs)(`th`,{scope:`row`,"data-label":t(`funds.fund`),children:[e.fund.name,e.fund.budgetKind===`SHARE_OF_NET_INVOICED`&&e.fund.budgetBasisPoints!=null&&(0,k.jsxs)(`span`,{className:`muted`,children:[` `,`· `,t(`funds.share`,{percent:e.fund.budgetBasisPoints/100,net:_(e.netInvoiced??`0`)})]})]}),(0,k.jsx)(`td`,{"data-label":t(`funds.period`),children:e.fund.period}),(0,k.jsx)(`td`,{"data-label":t(`funds.budget`),className:`num money`,children:_(e.budget)}),(0,k.jsx)(`td`,{"data-label":t(`funds.approved`),className:`num money`,children:_(e.approved)}),(0,k.jsx)(`td`,{"data-label":t(`funds.pending`),className:`num money`,children:_(e.pending)}),(0,k.jsx)(`td`,{"data-label":t(`funds.remaining`),className:`num money`,"data-field":`remaining`,children:_(e.remaining)}),(0,k.jsx)(`td`,{children:Number(e.remaining)>0&&c!==e.id&&(0,k.jsx)(`button`,{type:`button`,className:`button`,"data-action":`claim`,onClick:()=>l(e.id),children:t(`funds.claim`)})})]},e.id))})]}),c&&(0,k.jsx)(I,{budgetID:c,remaining:f.find(e=>e.id===c)?.remaining??`0`,onCancel:()=>l(null),onDone:()=>{l(null),d(),e()}})]})}function I({budgetID:e,remaining:t,onCancel:n,onDone:r}){let{t:c,i18n:l}=i(),u=(0,S.useId)(),[d,f]=(0,S.useState)(``),[p,m]=(0,S.useState)(``),[h,_]=(0,S.useState)(``),[b,x]=(0,S.useState)(``),[C,w]=(0,S.useState)(``),[{fetching:T,error:D},O]=o(E),A=v(),[M,N]=(0,S.useState)(!1),P=a(D)[0];return(0,k.jsxs)(`form`,{className:`form claim-form`,onSubmit:async t=>{t.preventDefault();let n=await O({input:{budgetID:e,activity:d,activityOn:p,amount:h.trim(),description:b,attachments:C.trim()?[C.trim()]:[]}});!n.error&&n.data&&(await A.send(n.data.claimMarketingFund.id)?r():N(!0))},"aria-label":c(`funds.claimTitle`),children:[(0,k.jsx)(`h3`,{children:c(`funds.claimTitle`)}),(0,k.jsx)(`p`,{className:`muted`,children:c(`funds.claimAtMost`,{amount:g(t,l.language)})}),(0,k.jsx)(`label`,{htmlFor:`${u}-activity`,children:c(`funds.activity`)}),(0,k.jsx)(`input`,{id:`${u}-activity`,name:`activity`,required:!0,maxLength:200,value:d,onChange:e=>f(e.target.value)}),(0,k.jsx)(`label`,{htmlFor:`${u}-on`,children:c(`funds.activityOn`)}),(0,k.jsx)(`input`,{id:`${u}-on`,name:`activityOn`,type:`date`,required:!0,value:p,onChange:e=>m(e.target.value)}),(0,k.jsx)(`label`,{htmlFor:`${u}-amount`,children:c(`funds.amount`)}),(0,k.jsx)(`input`,{id:`${u}-amount`,name:`amount`,inputMode:`decimal`,required:!0,value:h,onChange:e=>_(e.target.value)}),(0,k.jsx)(`label`,{htmlFor:`${u}-description`,children:c(`funds.description`)}),(0,k.jsx)(`textarea`,{id:`${u}-description`,name:`description`,maxLength:2e3,value:b,onChange:e=>x(e.target.value)}),(0,k.jsx)(`label`,{htmlFor:`${u}-attachment`,children:c(`funds.attachment`)}),(0,k.jsx)(`input`,{id:`${u}-attachment`,name:`attachment`,type:`url`,value:C,onChange:e=>w(e.target.value)}),(0,k.jsx)(y,{files:A}),P&&(0,k.jsx)(`p`,{className:`field-error`,role:`alert`,"data-field":P.field,children:s(c,P,j)}),M?(0,k.jsx)(`p`,{className:`actions-row`,children:(0,k.jsx)(`button`,{type:`button`,className:`button`,onClick:r,children:c(`attachments.close`)})}):(0,k.jsxs)(`p`,{className:`actions-row`,children:[(0,k.jsx)(`button`,{type:`submit`,className:`button primary`,"data-action":`submit-claim`,disabled:T||!!A.sending,children:c(`funds.submitClaim`)}),(0,k.jsx)(`button`,{type:`button`,className:`button`,onClick:n,children:c(`funds.cancel`)})]})]})}function L({staff:e,claimed:t}){let{t:n,i18n:a}=i(),o=(0,S.useId)(),[s,c]=r(),l=s.get(`status`),d=N(l)?l:null,_=d?[d]:e&&l!==`all`?[`SUBMITTED`]:null,v=s.get(`after`),y=s.get(`before`),b={statuses:_,...y?{last:M,before:y}:{first:M,after:v??null}},[{data:x,error:w,fetching:E},D]=u({query:T,variables:b}),O=()=>D({requestPolicy:`network-only`});(0,S.useEffect)(()=>{t>0&&D({requestPolicy:`network-only`})},[t,D]);let A=x?.fundClaims,j=e=>g(e,a.language);return(0,k.jsxs)(`section`,{"aria-labelledby":`funds-claims`,children:[(0,k.jsx)(`h2`,{id:`funds-claims`,children:n(e?`funds.deskClaims`:`funds.claims`)}),(0,k.jsxs)(`div`,{className:`filter`,children:[(0,k.jsx)(`label`,{htmlFor:o,children:n(`funds.filterStatus`)}),(0,k.jsxs)(`select`,{id:o,value:d??(e&&l!==`all`?``:`all`),onChange:e=>c(e.target.value?{status:e.target.value}:{}),children:[e&&(0,k.jsx)(`option`,{value:``,children:n(`funds.waiting`)}),(0,k.jsx)(`option`,{value:`all`,children:n(`funds.allStatuses`)}),C.map(e=>(0,k.jsx)(`option`,{value:e,children:n(`fundClaimStatus.${e}`)},e))]})]}),E&&!x?(0,k.jsx)(m,{}):w&&!x?(0,k.jsx)(p,{error:w,onRetry:O}):!A||A.totalCount===0?(0,k.jsx)(h,{children:n(e?`funds.deskEmpty`:`funds.noClaims`)}):(0,k.jsxs)(k.Fragment,{children:[(0,k.jsxs)(`table`,{className:`table claims-table`,children:[(0,k.jsx)(`thead`,{children:(0,k.jsxs)(`tr`,{children:[(0,k.jsx)(`th`,{scope:`col`,children:n(`funds.number`)}),e&&(0,k.jsx)(`th`,{scope:`col`,children:n(`funds.dealer`)}),(0,k.jsx)(`th`,{scope:`col`,children:n(`funds.fund`)}),(0,k.jsx)(`th`,{scope:`col`,children:n(`funds.activity`)}),(0,k.jsx)(`th`,{scope:`col`,children:n(`funds.activityOn`)}),(0,k.jsx)(`th`,{scope:`col`,className:`num`,children:n(`funds.amount`)}),(0,k.jsx)(`th`,{scope:`col`,children:n(`funds.status`)}),(0,k.jsx)(`th`,{scope:`col`,className:`num`,children:n(`funds.paid`)})]})}),(0,k.jsx)(`tbody`,{children:A.edges?.map(t=>{let n=t?.node;return n?(0,k.jsx)(R,{claim:n,staff:e,money:j,onDecided:O},n.id):null})})]}),(0,k.jsx)(f,{pageInfo:A.pageInfo,onPage:e=>{let t={};l&&(t.status=l),e.after&&(t.after=e.after),e.before&&(t.before=e.before),c(t)}})]})]})}function R({claim:e,staff:t,money:n,onDecided:r}){let{t:a,i18n:o}=i(),[s,c]=(0,S.useState)(!1),l=t?8:7;return(0,k.jsxs)(k.Fragment,{children:[(0,k.jsxs)(`tr`,{"data-claim":e.number,"data-status":e.status,children:[(0,k.jsx)(`th`,{scope:`row`,"data-label":a(`funds.number`),className:`mono`,children:e.number}),t&&(0,k.jsx)(`td`,{"data-label":a(`funds.dealer`),children:e.dealer.name}),(0,k.jsxs)(`td`,{"data-label":a(`funds.fund`),children:[e.fund.name,` `,e.fund.period]}),(0,k.jsxs)(`td`,{"data-label":a(`funds.activity`),children:[e.activity,e.description&&(0,k.jsxs)(`span`,{className:`muted`,children:[` · `,e.description]}),(e.attachments??[]).map(e=>(0,k.jsxs)(`a`,{href:e,target:`_blank`,rel:`noreferrer noopener`,className:`attachment`,children:[` `,a(`funds.proof`)]},e)),(0,k.jsx)(b,{compact:!0,parentID:e.id,attachments:e.attachmentFiles,onChange:r})]}),(0,k.jsx)(`td`,{"data-label":a(`funds.activityOn`),children:_(e.activityOn,o.language)}),(0,k.jsx)(`td`,{"data-label":a(`funds.amount`),className:`num money`,children:n(e.amount)}),(0,k.jsxs)(`td`,{"data-label":a(`funds.status`),children:[(0,k.jsx)(`span`,{className:`badge badge-claim-${e.status.toLowerCase()}`,"data-claim-status":e.status,children:a(`fundClaimStatus.${e.status}`)}),e.decisionNote&&(0,k.jsxs)(`span`,{className:`muted`,children:[` · `,e.decisionNote]}),e.allowedActions.length>0&&!s&&(0,k.jsx)(`button`,{type:`button`,className:`button`,"data-action":`decide`,onClick:()=>c(!0),children:a(`funds.decide`)})]}),(0,k.jsx)(`td`,{"data-label":a(`funds.paid`),className:`num money`,children:e.creditNote?`${n(e.creditNote.amount)} (${e.creditNote.number})`:`—`})]}),s&&(0,k.jsx)(`tr`,{children:(0,k.jsx)(`td`,{colSpan:l,children:(0,k.jsx)(z,{claim:e,onCancel:()=>c(!1),onDone:()=>{c(!1),r()}})})})]})}function z({claim:e,onCancel:t,onDone:n}){let{t:r}=i(),c=(0,S.useId)(),[l,u]=(0,S.useState)(e.amount),[d,f]=(0,S.useState)(``),[p,m]=o(D),[h,g]=o(O),_=a(p.error??h.error)[0],v=p.fetching||h.fetching;return(0,k.jsxs)(`form`,{className:`form decide-form`,"aria-label":r(`funds.decide`),onSubmit:e=>e.preventDefault(),children:[(0,k.jsx)(`label`,{htmlFor:`${c}-amount`,children:r(`funds.approveAmount`)}),(0,k.jsx)(`input`,{id:`${c}-amount`,name:`approveAmount`,inputMode:`decimal`,value:l,onChange:e=>u(e.target.value)}),(0,k.jsx)(`label`,{htmlFor:`${c}-note`,children:r(`funds.decisionNote`)}),(0,k.jsx)(`textarea`,{id:`${c}-note`,name:`decisionNote`,value:d,onChange:e=>f(e.target.value)}),_&&(0,k.jsx)(`p`,{className:`field-error`,role:`alert`,"data-field":_.field,children:s(r,_,j)}),(0,k.jsxs)(`p`,{className:`actions-row`,children:[(0,k.jsx)(`button`,{type:`button`,className:`button primary`,"data-action":`approve-claim`,disabled:v,onClick:async()=>{(await m({id:e.id,amount:l.trim(),note:d,expectedVersion:e.version})).error||n()},children:r(`funds.approve`)}),(0,k.jsx)(`button`,{type:`button`,className:`button danger`,"data-action":`reject-claim`,disabled:v,onClick:async()=>{(await g({id:e.id,note:d,expectedVersion:e.version})).error||n()},children:r(`funds.reject`)}),(0,k.jsx)(`button`,{type:`button`,className:`button`,onClick:t,children:r(`funds.cancel`)})]})]})}export{P as Funds};