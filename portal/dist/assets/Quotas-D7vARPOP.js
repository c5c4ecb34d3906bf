import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{a as i,c as a,i as o,l as s,n as c,o as l,t as u,u as d}from"./usePageTitle-KjYk9Ozu.js";import{t as f}from"./viewer-B7lbv5BN.js";import{n as ee,r as p,t as m}from"./States-DVSEdx-I.js";import{d as te}from"./index-CqpTX7mO.js";var h=e(t(),1),g=n(),_=l(`
  query QuotaGrid($from: Period!, $to: Period!, $year: Period!, $where: DealerWhereInput, $channelID: ID) {
    channels(first: 50) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }, where: $where) {
      edges {
        node {
          id
          code
          name
          quotaProgress(period: $year) {
            period
            quota
            netSales
            completion
          }
        }
      }
    }
    quotas(from: $from, to: $to, channelID: $channelID) {
      id
      dealerID
      month
      amount
    }
  }
`),v=l(`
  mutation SetQuotas($input: [QuotaInput!]!) {
    setQuotas(input: $input) {
      id
      dealerID
      month
      amount
    }
  }
`),y=l(`
  mutation ImportQuotas($csv: String!) {
    importQuotas(csv: $csv) {
      written
    }
  }
`),b=l(`
  query QuotasCSV($from: Period!, $to: Period!, $channelID: ID) {
    quotasCSV(from: $from, to: $to, channelID: $channelID)
  }
`);function x(e){let t=e?.graphQLErrors[0]?.extensions?.rows;return Array.isArray(t)?t.flatMap(e=>e&&typeof e==`object`&&typeof e.line==`number`?[{line:e.line,field:String(e.field??``)}]:[]):[]}var S=Array.from({length:12},(e,t)=>String(t+1).padStart(2,`0`)),C=/^\d+(\.\d{1,2})?$/,ne=524288,w={"dealer code":`dealerCode`,month:`month`,amount:`amount`,row:`row`},T=(e,t)=>`${e}|${t}`;function re(e){let[t,n=``]=e.split(`.`);return Number(t)*100+Number((n+`00`).slice(0,2))}function ie(e){return`${Math.floor(e/100)}.${String(e%100).padStart(2,`0`)}`}function E(){let{t:e,i18n:t}=r();u(e(`quotas.title`));let n=(0,h.useId)(),l=(0,h.useId)(),E=(0,h.useId)(),ae=a(),[{data:D}]=f(),[O,k]=(0,h.useState)(()=>new Date().getFullYear()),[A,j]=(0,h.useState)(``),[M,N]=(0,h.useState)({}),[P,F]=(0,h.useState)({}),[I,L]=(0,h.useState)(``),[R,z]=(0,h.useState)(``),[B,V]=(0,h.useState)([]),[H,U]=(0,h.useState)(``),W=(0,h.useRef)(null),G=`${O}-01`,K=`${O}-12`,[{data:q,error:J,fetching:oe},se]=d({query:_,variables:{from:G,to:K,year:String(O),where:A?{channelID:A}:null,channelID:A||null},pause:D?.me.role===`DEALER`}),[ce,le]=s(v),[Y,ue]=s(y),X=()=>se({requestPolicy:`network-only`});if(D?.me.role===`DEALER`)return(0,g.jsxs)(`section`,{children:[(0,g.jsx)(`h1`,{children:e(`quotas.title`)}),(0,g.jsx)(m,{children:e(`quotas.staffOnly`)})]});let Z={};for(let e of q?.quotas??[])Z[T(e.dealerID,e.month)]=e.amount;let Q=(q?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),de=(q?.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),$=Object.keys(M),fe=new Intl.NumberFormat(t.language,{style:`percent`,maximumFractionDigits:1}),pe=(e,t)=>{L(``),F(t=>{let{[e]:n,...r}=t;return r}),N(n=>{if(t===(Z[e]??``)){let{[e]:t,...r}=n;return r}return{...n,[e]:t}})},me=async()=>{let t=Object.keys(M),n={};for(let r of t)C.test(M[r].trim())||(n[r]=e(`quotas.badAmount`));if(Object.keys(n).length){F(n);return}let r=t.map(e=>{let[t,n]=e.split(`|`);return{dealerID:t,month:n,amount:M[e].trim()}}),a=await le({input:r});if(a.error){let n={};for(let r of o(a.error)){let i=/^input\[(\d+)\]/.exec(r.field),a=i?t[Number(i[1])]:void 0;a&&(n[a]=c(e,r,`quotas.refused`))}Object.keys(n).length||(n[t[0]]=i(e,a.error,`quotas.refused`)),F(n)}else N({}),F({}),L(e(`quotas.saved`,{count:t.length})),X()},he=async()=>{let e=await ae.query(b,{from:G,to:K,channelID:A||null},{requestPolicy:`network-only`}).toPromise();if(!e.data)return;let t=URL.createObjectURL(new Blob([e.data.quotasCSV],{type:`text/csv;charset=utf-8`})),n=document.createElement(`a`);n.href=t,n.download=`quotas-${O}.csv`,document.body.appendChild(n),n.click(),n.remove(),URL.revokeObjectURL(t)},ge=async t=>{if(z(``),V([]),U(``),!t)return;if(t.size>ne){U(e(`quotas.import.tooLarge`));return}let n=await ue({csv:await t.text()});if(W.current&&(W.current.value=``),n.error){let t=x(n.error);t.length?V(t):U(i(e,n.error,`quotas.refused`))}else z(e(`quotas.import.done`,{count:n.data?.importQuotas.written??0})),X()};return(0,g.jsxs)(`section`,{"aria-labelledby":`quotas-title`,children:[(0,g.jsx)(`h1`,{id:`quotas-title`,children:e(`quotas.title`)}),(0,g.jsx)(`p`,{className:`lead`,children:e(`quotas.intro`)}),(0,g.jsxs)(`div`,{className:`filter quota-filter`,children:[(0,g.jsx)(`label`,{htmlFor:n,children:e(`quotas.year`)}),(0,g.jsx)(`select`,{id:n,value:O,onChange:e=>k(Number(e.target.value)),disabled:$.length>0,children:[-2,-1,0,1].map(e=>{let t=new Date().getFullYear()+e;return(0,g.jsx)(`option`,{value:t,children:t},t)})}),(0,g.jsx)(`label`,{htmlFor:l,children:e(`quotas.channel`)}),(0,g.jsxs)(`select`,{id:l,value:A,onChange:e=>j(e.target.value),disabled:$.length>0,children:[(0,g.jsx)(`option`,{value:``,children:e(`quotas.allChannels`)}),de.map(e=>(0,g.jsx)(`option`,{value:e.id,children:te(e,t.language)},e.id))]})]}),oe&&!q?(0,g.jsx)(p,{}):J&&!q?(0,g.jsx)(ee,{error:J,onRetry:X}):Q.length===0?(0,g.jsx)(m,{children:e(`quotas.empty`)}):(0,g.jsxs)(g.Fragment,{children:[(0,g.jsx)(`div`,{className:`quota-scroll`,role:`region`,"aria-label":e(`quotas.gridLabel`,{year:O}),tabIndex:0,children:(0,g.jsxs)(`table`,{className:`quota-grid`,children:[(0,g.jsx)(`thead`,{children:(0,g.jsxs)(`tr`,{children:[(0,g.jsx)(`th`,{scope:`col`,children:e(`quotas.dealer`)}),S.map(t=>(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.month.${t}`)},t)),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.total`)}),(0,g.jsx)(`th`,{scope:`col`,className:`num`,children:e(`quotas.completion`)})]})}),(0,g.jsx)(`tbody`,{children:Q.map(t=>{let n=0;for(let e of S){let r=T(t.id,`${O}-${e}`),i=M[r]??Z[r]??``;C.test(i.trim())&&(n+=re(i.trim()))}let r=t.quotaProgress.completion;return(0,g.jsxs)(`tr`,{"data-dealer":t.code,children:[(0,g.jsxs)(`th`,{scope:`row`,children:[(0,g.jsx)(`span`,{className:`mono`,children:t.code}),` `,(0,g.jsx)(`span`,{className:`quota-dealer-name`,children:t.name})]}),S.map(n=>{let r=`${O}-${n}`,i=T(t.id,r),a=P[i];return(0,g.jsxs)(`td`,{className:a?`quota-cell quota-cell-bad`:M[i]===void 0?`quota-cell`:`quota-cell quota-cell-edited`,children:[(0,g.jsx)(`input`,{inputMode:`decimal`,"aria-label":e(`quotas.cellLabel`,{dealer:t.code,month:r}),"aria-invalid":a?!0:void 0,title:a,"data-month":r,value:M[i]??Z[i]??``,placeholder:`0.00`,onChange:e=>pe(i,e.target.value)}),a&&(0,g.jsx)(`span`,{className:`quota-cell-error`,role:`alert`,children:a})]},n)}),(0,g.jsx)(`td`,{className:`num money`,children:ie(n)}),(0,g.jsx)(`td`,{className:`num`,title:e(`quotas.netSales`,{amount:t.quotaProgress.netSales}),children:r==null?`—`:fe.format(r)})]},t.id)})})]})}),(0,g.jsxs)(`div`,{className:`quota-actions`,children:[(0,g.jsx)(`button`,{type:`button`,className:`button button-primary`,disabled:!$.length||ce.fetching,onClick:me,children:e(`quotas.save`,{count:$.length})}),(0,g.jsx)(`button`,{type:`button`,className:`button button-quiet`,disabled:!$.length,onClick:()=>(N({}),F({})),children:e(`quotas.discard`)}),I&&(0,g.jsx)(`span`,{role:`status`,className:`quota-saved`,children:I})]})]}),(0,g.jsx)(`h2`,{children:e(`quotas.csvTitle`)}),(0,g.jsx)(`p`,{className:`muted`,children:e(`quotas.csvIntro`)}),(0,g.jsxs)(`div`,{className:`quota-actions`,children:[(0,g.jsx)(`button`,{type:`button`,className:`button`,onClick:he,children:e(`quotas.export`,{year:O})}),(0,g.jsx)(`label`,{htmlFor:E,className:`button`,children:e(`quotas.import.choose`)}),(0,g.jsx)(`input`,{id:E,ref:W,type:`file`,accept:`.csv,text/csv`,className:`visually-hidden`,disabled:Y.fetching,onChange:e=>ge(e.target.files?.[0])})]}),R&&(0,g.jsx)(`p`,{role:`status`,className:`notice quota-import-done`,children:R}),H&&(0,g.jsx)(`p`,{role:`alert`,className:`state state-error`,children:H}),B.length>0&&(0,g.jsxs)(`div`,{role:`alert`,className:`state state-error quota-import-rows`,children:[(0,g.jsx)(`p`,{className:`state-title`,children:e(`quotas.import.refused`,{count:B.length})}),(0,g.jsx)(`ul`,{children:B.map((t,n)=>(0,g.jsxs)(`li`,{"data-line":t.line,children:[e(`quotas.import.row`,{line:t.line,field:e(`quotas.column.${w[t.field]??`row`}`)}),` `,e(`quotas.import.problem.${w[t.field]??`row`}`)]},n))})]})]})}export{y as ImportQuotasMutation,_ as QuotaGridQuery,E as Quotas,b as QuotasCSVQuery,v as SetQuotasMutation,x as rowProblemsOf};